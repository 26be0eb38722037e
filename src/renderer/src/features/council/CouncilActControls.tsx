import { useState } from 'react'
import type { CouncilActKind, CouncilActView } from '../../../../shared/contract/council'
import { ErrorNote, Options, QrCycle, addressOptions } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { ActOutcome } from './ActOutcome'
import { requestAct, saveRequestFile, useSignAct } from './mutations'
import { useCouncilSigners } from './queries'

export interface ActChoice {
  label: string
  content(): unknown
  primary?: boolean
}

/**
 * How a council decision is made (issue 18): signed by a member, never a typed-in name. "Sign as" lists the unlocked
 * keys of council members; their key signs in the main process. Without one here, the request is saved as a file for
 * `treasury sign` elsewhere, and the signature comes back through "Import signature file" (Pending council acts).
 */
export function CouncilActControls({
  kind,
  idPrefix,
  actions,
  onDone,
}: {
  kind: CouncilActKind
  idPrefix: string
  actions: ActChoice[]
  onDone?(act: CouncilActView): void
}) {
  const { signers: all } = useCouncilSigners()
  const sign = useSignAct()
  // While the last act waits for more members, the keys that have not signed it come first.
  const pending = sign.data?.status === 'pending' ? sign.data : null
  const signers = pending ? all.filter((s) => !pending.signers.some((x) => x.member === s.address)) : all
  const [chosen, setChosen] = useState('')
  const signer = signers.some((s) => s.address === chosen) ? chosen : (signers[0]?.address ?? '')
  const [error, setError] = useState<ShownError | null>(null)

  const done = (act: CouncilActView | undefined) => {
    if (act?.status === 'effective') onDone?.(act)
  }
  const run = async (a: ActChoice) => {
    setError(null)
    done(await sign.run(async () => ({ request: await requestAct(kind, a.content()), signer })))
  }
  const cosign = async (act: CouncilActView) => {
    setError(null)
    done(await sign.run({ request: act.request, signer }))
  }
  const [qr, setQr] = useState<string[] | null>(null)
  const save = async (a: ActChoice) => {
    setError(null)
    try {
      setQr(await saveRequestFile(await requestAct(kind, a.content())))
    } catch (e) {
      setError(errorInfo(e))
    }
  }
  return (
    <div className="stack">
      {signers.length ? (
        <label htmlFor={`${idPrefix}-signer`}>
          Sign as
          <select id={`${idPrefix}-signer`} value={signer} onChange={(e) => setChosen(e.target.value)}>
            <Options options={addressOptions(signers)} />
          </select>
        </label>
      ) : (
        <p className="muted small">
          No council member&apos;s key is unlocked here: unlock one on the Signers page, or save the request and sign it
          with <code>treasury sign</code>.
        </p>
      )}
      <div className="row">
        {pending && (
          <button
            type="button"
            className="primary"
            disabled={sign.busy || !signer}
            onClick={() => void cosign(pending)}
          >
            Add signature to act #{pending.id}
          </button>
        )}
        {actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className={a.primary ? 'primary' : undefined}
            disabled={sign.busy || !signer}
            onClick={() => void run(a)}
          >
            {a.label}
          </button>
        ))}
        {actions.map((a) => (
          <button key={`save-${a.label}`} type="button" disabled={sign.busy} onClick={() => void save(a)}>
            {actions.length === 1 ? 'Save request file' : `Save request: ${a.label.toLowerCase()}`}
          </button>
        ))}
      </div>
      {qr && <QrCycle images={qr} name={`council-${kind}`} label="The council act request, for `treasury sign`" />}
      <ActOutcome act={sign.data} />
      <ErrorNote error={error ?? sign.error} />
    </div>
  )
}
