import { useState } from 'react'
import { useKeys } from '../../keys'
import {
  LedgerSign,
  QrDeviceSign,
  hardwareDeviceHashes,
  hardwareLedgerSign,
  hardwareQrImportSignature,
  hardwareQrRequest,
} from '../../hardware'
import { useLabels } from '../../addressbook'
import { downloadText, readTextFile } from '../../../lib/files'
import { FileButton } from '../../../ui'
import {
  proposalsAddSignature,
  proposalsApproveOnChain,
  proposalsExportSigningRequest,
  proposalsImportSignatureBundle,
  proposalsSign,
  proposalDetail,
} from '../mutations'
import { isBundle, parseSignatures } from '../signatureFiles'
import type { DetailPanelProps } from './context'

/** A signature made elsewhere (pasted or a file), one made with an unlocked key here, or an approveHash on chain. */
export function AddSignature({ p, busy, act, fail }: DetailPanelProps) {
  const [pasted, setPasted] = useState('')
  const [note, setNote] = useState<string | null>(null)
  const [approver, setApprover] = useState('')
  const labels = useLabels()
  const { data: keys } = useKeys()

  const localKeys = (keys?.signers ?? []).filter((k) => k.kind === 'local')
  const ownerSet = new Set(p.owners.filter((o) => !o.signed).map((o) => o.address))
  const canSignWith = localKeys.filter((k) => k.unlocked && ownerSet.has(k.address))
  const lockedOwners = localKeys.filter((k) => !k.unlocked && ownerSet.has(k.address))

  const addSignatures = async (text: string) => {
    if (isBundle(text)) {
      if (!(await act('signature', () => proposalsImportSignatureBundle({ id: p.id, text })))) return
      setPasted('')
      setNote('Signature bundle checked and added.')
      return
    }
    let entries
    try {
      entries = parseSignatures(text)
    } catch (error) {
      fail(error)
      return
    }
    for (const entry of entries)
      if (!(await act('signature', () => proposalsAddSignature({ id: p.id, ...entry })))) return
    setPasted('')
    setNote(`${entries.length} signature${entries.length > 1 ? 's' : ''} checked and added.`)
  }
  const downloadRequest = async () => {
    try {
      const out = await proposalsExportSigningRequest({ id: p.id })
      downloadText(out.fileName, out.json)
      setNote(`Signing request saved as ${out.fileName}: review and sign it on the Sign page or with treasury sign.`)
    } catch (error) {
      fail(error)
    }
  }
  return (
    <div className="stack">
      <label htmlFor="sig-paste">Add a signature made elsewhere (0x…, 65 bytes, or a signature bundle JSON)</label>
      <textarea
        id="sig-paste"
        rows={2}
        className="mono"
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
        placeholder="0x…"
      />
      <div className="row">
        <button onClick={() => void addSignatures(pasted)} disabled={!pasted.trim() || busy !== null}>
          Add signature
        </button>
        <FileButton
          accept=".json,application/json,text/plain"
          label="Signature file"
          onFile={async (file) => addSignatures(await readTextFile(file, 256 * 1024))}
        >
          Signature file…
        </FileButton>
        <button onClick={() => void downloadRequest()}>Download signing request</button>
      </div>
      <QrDeviceSign
        request={(signer) => hardwareQrRequest({ proposalId: p.id, signer })}
        owners={[...ownerSet]}
        onAnswer={async (parts) => {
          const done = await act('hardware', async () => {
            const { signer } = await hardwareQrImportSignature({ parts })
            setNote(`Device signature by ${signer} checked and added.`)
            return proposalDetail(p.id)
          })
          return done !== null
        }}
      />
      <LedgerSign
        hashes={() => hardwareDeviceHashes({ proposalId: p.id })}
        owners={[...ownerSet]}
        onSign={async (signer) => {
          const done = await act('hardware', async () => {
            await hardwareLedgerSign({ proposalId: p.id, signer })
            setNote(`Signed on the Ledger by ${signer}.`)
            return proposalDetail(p.id)
          })
          return done !== null
        }}
      />
      {(canSignWith.length > 0 || lockedOwners.length > 0) && (
        <div className="row" data-testid="sign-with">
          {canSignWith.map((k) => (
            <button
              key={k.address}
              className="primary"
              disabled={busy !== null}
              onClick={() =>
                void act(`sign:${k.address}`, () => proposalsSign({ id: p.id, signer: k.address })).then(
                  (done) => done && setNote(`Signed with ${k.label}.`),
                )
              }
            >
              {busy === `sign:${k.address}` ? 'Signing…' : `Sign with ${k.label}`}
            </button>
          ))}
          {lockedOwners.length > 0 && (
            <p className="muted small">
              Locked: {lockedOwners.map((k) => k.label).join(', ')}. Unlock on the <a href="#/signers">Signers</a> page
              to sign here.
            </p>
          )}
        </div>
      )}
      <div className="row">
        <label>
          Approve on chain as
          <select value={approver} onChange={(e) => setApprover(e.target.value)}>
            <option value="">Choose an owner…</option>
            {p.owners
              .filter((o) => !o.signed)
              .map((o) => (
                <option key={o.address} value={o.address}>
                  {labels[o.address] ?? o.address}
                </option>
              ))}
          </select>
        </label>
        <button
          disabled={!approver || busy !== null}
          onClick={() =>
            void act('approve', () => proposalsApproveOnChain({ id: p.id, owner: approver })).then(() =>
              setApprover(''),
            )
          }
        >
          {busy === 'approve' ? 'Approving…' : 'Approve hash on chain'}
        </button>
      </div>
      <p className="muted small">
        approveHash is a transaction from the owner&apos;s own account (it pays gas); the approval is read back from the
        Safe before it counts.
      </p>
      {note && (
        <p role="status" className="ok small">
          {note}
        </p>
      )}
    </div>
  )
}
