import { useState } from 'react'
import { refreshGovernance, useGovSettings } from './queries'
import { useAction } from '../../data'
import { ErrorNote, ActionForm, Options } from '../../ui'
import { useTokenRegistry } from '../tokens'
import { governanceSetToken } from './mutations'

/**
 * The governance token is the user's choice: any registered ERC-5805 / IVotes token. Its ERC-6372 clock decides
 * whether snapshots and rule periods count blocks or seconds.
 */
export function TokenChoicePanel() {
  const settings = useGovSettings()
  const tokens = (useTokenRegistry().data?.tokens ?? []).filter((t) => !t.hidden)
  const [chosen, setChosen] = useState('')
  const { busy, error, run } = useAction()

  const current = settings?.token?.address ?? ''

  const submit = () => {
    void run(async () => {
      await governanceSetToken({ address: chosen || current })
      await refreshGovernance()
    })
  }
  return (
    <section aria-labelledby="gov-token-h" className="card">
      <h2 id="gov-token-h">Governance token</h2>
      <p className="muted small" data-testid="gov-token-current">
        {settings?.token
          ? `${settings.token.symbol} (${settings.token.address}), clock: ${
              settings.clockMode === 'timestamp' ? 'timestamp (periods in seconds)' : 'block number (periods in blocks)'
            }`
          : 'None chosen yet: votes, quorum and delegation need one.'}
      </p>
      <ActionForm className="row" label="Choose the governance token" onSubmit={submit}>
        <label className="grow">
          Votes token
          <select value={chosen || current} onChange={(e) => setChosen(e.target.value)} required>
            <option value="">Choose a registered token…</option>
            <Options options={tokens.map((t) => ({ value: t.address, label: `${t.symbol} · ${t.address}` }))} />
          </select>
        </label>
        <button type="submit" disabled={busy || !(chosen || current)}>
          Use as governance token
        </button>
      </ActionForm>
      <ErrorNote error={error} testId="gov-token-error" />
    </section>
  )
}
