import { useEffect, useState, type FormEvent } from 'react'
import { parseUnits } from 'ethers'
import { Busy, ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { useApp } from '../../store'
import { signingCreateRequest } from './mutations'
import { showRequest } from './queries'

/** Builds a request for a plain transfer from the Safe: the amount is typed in tokens, sent in base units. */
export function NewTransfer() {
  const overview = useApp((s) => s.overview)
  const loadOverview = useApp((s) => s.loadOverview)
  const [error, setError] = useState<ShownError | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!overview) void loadOverview(false)
  }, [overview, loadOverview])

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const f = Object.fromEntries(new FormData(form).entries()) as Record<string, string>
    const token = overview?.balances.find((b) => (b.address ?? 'native') === f.token)
    setBusy(true)
    setError(null)
    try {
      if (!token) throw new Error('Choose a token.')
      let amount: bigint
      try {
        amount = parseUnits(f.amount.trim().replace(/,/g, ''), token.decimals)
      } catch {
        throw new Error(`"${f.amount}" is not an amount of ${token.symbol} (up to ${token.decimals} decimals).`)
      }
      const view = await signingCreateRequest({
        safe: overview?.address,
        tx: { kind: 'transfer', token: token.address, to: f.to.trim(), amount: amount.toString() },
        description: f.description || undefined,
        nonce: f.nonce || undefined,
      })
      showRequest(view)
      form.reset()
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-h">
      <h2 id="new-h">New transfer request</h2>
      <label>
        Token
        <select name="token" required>
          {(overview?.balances ?? []).map((b) => (
            <option key={b.address ?? 'native'} value={b.address ?? 'native'}>
              {b.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Recipient
        <input name="to" required placeholder="0x…" autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Amount
        <input name="amount" required inputMode="decimal" placeholder="e.g. 1,250.5" />
      </label>
      <label>
        Description (optional)
        <input name="description" maxLength={500} />
      </label>
      <label>
        Nonce (optional; the Safe&apos;s next nonce by default)
        <input name="nonce" inputMode="numeric" pattern="[0-9]*" />
      </label>
      <ErrorNote error={error} />
      {busy && <Busy label="Reading the Safe and making the request…" />}
      <button type="submit" className="primary" disabled={busy || !overview}>
        {busy ? 'Making the request…' : 'Make the signing request'}
      </button>
    </form>
  )
}
