import { useEffect } from 'react'
import { parseUnits } from 'ethers'
import { Busy, ErrorNote, formMessage, useCallForm } from '../../ui'
import { useAction } from '../../data'
import { useSafeOverview } from '../safes'
import { signingCreateRequest } from './mutations'
import { showRequest } from './queries'

/** Builds a request for a plain transfer from the Safe: the amount is typed in tokens, sent in base units. */
export function NewTransfer() {
  const overview = useSafeOverview().data
  const create = useAction()

  const form = useCallForm('signing.createRequest', {
    defaultValues: { token: '', to: '', amount: '', description: '', nonce: '' },
    toInput: (v) => {
      const balances = overview?.balances ?? []
      const token = balances.find((b) => (b.address ?? 'native') === v.token)
      if (!token) throw new Error('Choose a token.')
      let amount: bigint
      try {
        amount = parseUnits(v.amount.trim().replace(/,/g, ''), token.decimals)
      } catch {
        throw new Error(`"${v.amount}" is not an amount of ${token.symbol} (up to ${token.decimals} decimals).`)
      }
      return {
        safe: overview?.address,
        tx: { kind: 'transfer', token: token.address, to: v.to.trim(), amount: amount.toString() },
        description: v.description || undefined,
        nonce: v.nonce || undefined,
      }
    },
  })
  // The token select starts on the Safe's first token once its balances are read.
  const first = overview?.balances[0] ? (overview.balances[0].address ?? 'native') : ''
  useEffect(() => {
    if (first && !form.getValues('token')) form.setValue('token', first)
  }, [first, form])
  const submit = form.handleSubmit((input) =>
    create.run(async () => {
      showRequest(await signingCreateRequest(input))
      form.reset({ token: form.getValues('token'), to: '', amount: '', description: '', nonce: '' })
    }),
  )
  const busy = create.busy

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-h">
      <h2 id="new-h">New transfer request</h2>
      <label>
        Token
        <select {...form.register('token')} required>
          {(overview?.balances ?? []).map((b) => (
            <option key={b.address ?? 'native'} value={b.address ?? 'native'}>
              {b.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Recipient
        <input {...form.register('to')} required placeholder="0x…" autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Amount
        <input {...form.register('amount')} required inputMode="decimal" placeholder="e.g. 1,250.5" />
      </label>
      <label>
        Description (optional)
        <input {...form.register('description')} maxLength={500} />
      </label>
      <label>
        Nonce (optional; the Safe&apos;s next nonce by default)
        <input {...form.register('nonce')} inputMode="numeric" pattern="[0-9]*" />
      </label>
      <ErrorNote error={formMessage(form.formState.errors) ?? create.error} />
      {busy && <Busy label="Reading the Safe and making the request…" />}
      <button type="submit" className="primary" disabled={busy || !overview}>
        {busy ? 'Making the request…' : 'Make the signing request'}
      </button>
    </form>
  )
}
