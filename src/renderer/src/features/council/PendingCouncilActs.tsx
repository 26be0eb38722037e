import { useState } from 'react'
import type { CouncilActView } from '../../../../shared/contract/council'
import { ErrorNote } from '../../ui'
import { readQrImage, readTextFile } from '../../lib/files'
import { ActOutcome } from './ActOutcome'
import { saveRequestFile, useImportActSignature, useSignAct } from './mutations'
import { useCouncilSigners, usePendingActs } from './queries'
import {
  LedgerSign,
  QrDeviceSign,
  hardwareCouncilDeviceHashes,
  hardwareCouncilLedgerSign,
  hardwareCouncilQrImport,
  hardwareCouncilQrRequest,
} from '../hardware'

/** Acts waiting for more members: who signed, who is missing; add a signature here or import a signature file. */
export function PendingCouncilActs({ subjectPrefix }: { subjectPrefix?: string }) {
  const pending = usePendingActs()
  const importing = useImportActSignature()
  const acts = (pending.data ?? []).filter((a) => !subjectPrefix || a.subject.startsWith(subjectPrefix))
  return (
    <section className="card stack" aria-labelledby="pending-acts-h" data-testid="pending-council-acts">
      <h2 id="pending-acts-h">Pending council acts</h2>
      {acts.length === 0 && <p className="muted small">No act is waiting for signatures.</p>}
      {acts.map((a) => (
        <PendingAct key={a.id} act={a} />
      ))}
      <label>
        Import signature file (JSON, or a QR image of it)
        <input
          type="file"
          accept="application/json,.json,image/*"
          onChange={(e) => {
            const file = e.target.files?.[0]
            e.target.value = ''
            if (file)
              void importing.run(async () => ({
                text: file.type.startsWith('image/') ? await readQrImage(file) : await readTextFile(file),
              }))
          }}
        />
      </label>
      <ActOutcome act={importing.data} />
      <ErrorNote error={importing.error} />
    </section>
  )
}

function PendingAct({ act }: { act: CouncilActView }) {
  const { signers } = useCouncilSigners()
  const sign = useSignAct()
  const can = signers.filter((s) => act.missing.includes(s.address))
  const [chosen, setChosen] = useState('')
  const signer = can.some((s) => s.address === chosen) ? chosen : (can[0]?.address ?? '')
  return (
    <div className="stack" data-testid={`pending-act-${act.id}`}>
      <p>
        <strong>{act.kind}</strong> · {act.summary}
      </p>
      <ActOutcome act={act} />
      <div className="row">
        {can.length > 0 && (
          <>
            <label htmlFor={`act-${act.id}-signer`}>Add signature as</label>
            <select id={`act-${act.id}-signer`} value={signer} onChange={(e) => setChosen(e.target.value)}>
              {can.map((s) => (
                <option key={s.address} value={s.address}>
                  {s.label} · {s.address}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="primary"
              disabled={sign.busy || !signer}
              onClick={() => void sign.run({ request: act.request, signer })}
            >
              Add my signature to act #{act.id}
            </button>
          </>
        )}
        <button type="button" onClick={() => void saveRequestFile(act.request)}>
          Save request file
        </button>
      </div>
      <QrDeviceSign
        request={(signer) => hardwareCouncilQrRequest({ request: act.request, signer })}
        owners={act.missing}
        onAnswer={async (parts) => {
          await hardwareCouncilQrImport({ request: act.request, parts })
          return true
        }}
      />
      <LedgerSign
        hashes={() => hardwareCouncilDeviceHashes({ request: act.request })}
        owners={act.missing}
        onSign={async (signer) => {
          await hardwareCouncilLedgerSign({ request: act.request, signer })
          return true
        }}
      />
      <ErrorNote error={sign.error} />
    </div>
  )
}
