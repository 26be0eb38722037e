import { useState, type FormEvent } from 'react'
import type { TypedDataRequest } from '../../../../shared/contract'
import { ErrorNote, Options, addressOptions, TextInput } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { governanceActionRequest } from './mutations'

type ActionRequest = { action: 'cancel' | 'implemented'; id: string }

/**
 * A decision that needs an authority's EIP-712 signature: choose who decides, write the note, then either paste a
 * signature made in a wallet (the request to sign is shown) or leave it empty to sign with an unlocked key.
 */
export function SignedAction({
  request,
  candidates,
  noteLabel,
  submitLabel,
  busy,
  onSubmit,
  idPrefix,
}: {
  request: ActionRequest
  candidates: Array<{ address: string; label: string }>
  noteLabel: string
  submitLabel: string
  busy: boolean
  idPrefix: string
  onSubmit(by: string, note: string, signature?: string): Promise<unknown>
}) {
  const [by, setBy] = useState(candidates[0]?.address ?? '')
  const [note, setNote] = useState('')
  const [signature, setSignature] = useState('')
  const [typed, setTyped] = useState<TypedDataRequest | null>(null)
  const [error, setError] = useState<ShownError | null>(null)

  const showRequest = async () => {
    setError(null)
    try {
      const r = await governanceActionRequest({ ...request, by, note } as never)
      setTyped((r as { typedData: TypedDataRequest }).typedData)
    } catch (e) {
      setError(errorInfo(e))
    }
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    await onSubmit(by, note, signature.trim() || undefined)
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${idPrefix}-by`}>Decided by</label>
      <select id={`${idPrefix}-by`} value={by} onChange={(e) => setBy(e.target.value)}>
        <Options options={addressOptions(candidates)} />
      </select>
      <label htmlFor={`${idPrefix}-note`}>{noteLabel}</label>
      <textarea id={`${idPrefix}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <label htmlFor={`${idPrefix}-sig`}>
        Signature <span className="muted small">(empty: sign with the unlocked key of the address above)</span>
      </label>
      <TextInput
        id={`${idPrefix}-sig`}
        className="mono"
        value={signature}
        onText={setSignature}
        placeholder="0x… (65 bytes, EIP-712)"
      />
      <div className="row">
        <button type="button" onClick={() => void showRequest()}>
          Show the request to sign
        </button>
        <button type="submit" className="primary" disabled={busy || !by}>
          {submitLabel}
        </button>
      </div>
      <ErrorNote error={error} />
      {typed && (
        <pre className="typed-data mono small" aria-label="EIP-712 request to sign" tabIndex={0}>
          {JSON.stringify(typed, null, 2)}
        </pre>
      )}
    </form>
  )
}
