import { useState, type FormEvent, type ReactNode } from 'react'
import { parseUnits } from 'ethers'
import { useGovSettings } from './queries'
import { useGovernanceUi } from './state'
import { governanceCreate } from './mutations'
import type { CallInput, GovernanceSettings, ProposalKindName } from '../../../../shared/contract'
import { clockSpan, duration, pct } from './format'
import { Busy, ErrorNote, Options, RemoveButton, TextInput } from '../../ui'
import { useNative } from '../tokens'
import { useSafeOverview } from '../safes'

interface TransferRow {
  recipient: string
  token: string // '' = native coin
  amount: string // human units
}

/**
 * The form starts from the governance settings (the token a transfer defaults to, the council's first proposer):
 * it waits for them, so a row made before they arrive cannot silently default to the native coin.
 */
export function NewProposalForm({ onCreated }: { onCreated(id: string): void }) {
  const settings = useGovSettings()
  if (!settings) return <Busy label="Loading the governance rules…" />
  return <NewProposalFields settings={settings} onCreated={onCreated} />
}

function NewProposalFields({ settings, onCreated }: { settings: GovernanceSettings; onCreated(id: string): void }) {
  const native = useNative()
  const safes = useSafeOverview().data
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  const [kind, setKind] = useState<ProposalKindName>('technical')
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [proposer, setProposer] = useState(settings.council[0] ?? '')
  const [transfers, setTransfers] = useState<TransferRow[]>([
    { recipient: '', token: settings.token?.address ?? '', amount: '' },
  ])
  const [formError, setFormError] = useState<string | null>(null)

  const rules = settings.kinds.find((k) => k.kind === kind)?.rules
  const token = settings.token
  const tokenOptions = [
    ...(token ? [{ value: token.address, label: token.symbol, decimals: token.decimals }] : []),
    { value: '', label: `${native.symbol} (native)`, decimals: native.decimals },
  ]

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFormError(null)
    let spending: CallInput<'governance.create'>['spending']
    if (kind === 'treasury_spending') {
      if (!safes) return setFormError('The Safe is not loaded yet.')
      try {
        spending = {
          safe: safes.address,
          transfers: transfers.map((t, i) => {
            const decimals = tokenOptions.find((o) => o.value === t.token)?.decimals ?? 18
            let amount: bigint
            try {
              amount = parseUnits(t.amount.trim(), decimals)
            } catch {
              throw new Error(`Transfer ${i + 1}: "${t.amount}" is not an amount`)
            }
            return { recipient: t.recipient.trim(), token: t.token || null, amount: amount.toString() }
          }),
        }
      } catch (error) {
        return setFormError(error instanceof Error ? error.message : String(error))
      }
    }
    const made: { id?: string } = {}
    await run(
      () => governanceCreate({ kind, title, body, proposer: proposer.trim(), spending }),
      (detail) => void (made.id = detail.id),
      'Proposal created.',
    )
    if (made.id) onCreated(made.id)
  }

  const update = (i: number, patch: Partial<TransferRow>) =>
    setTransfers((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  // A transfer row's text field: its id (the label's target), its text and its setter.
  const cell = (i: number, key: 'recipient' | 'amount') => ({
    id: `np-${key === 'recipient' ? 'rcpt' : 'amount'}-${i}`,
    value: transfers[i][key],
    onText: (text: string) => update(i, { [key]: text }),
  })

  return (
    <form className="card stack" aria-label="New proposal" onSubmit={(e) => void submit(e)}>
      <label htmlFor="np-kind">Type</label>
      <select id="np-kind" value={kind} onChange={(e) => setKind(e.target.value as ProposalKindName)}>
        {settings.kinds.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {rules && (
        <p className="muted small" data-testid="np-rules">
          Voting opens after {clockSpan(rules.votingDelayBlocks, settings.clockMode)} and lasts{' '}
          {clockSpan(rules.votingPeriodBlocks, settings.clockMode)}; quorum {pct(rules.quorumBps)} of supply (For +
          Abstain); passes above {pct(rules.passThresholdBps)} For; timelock {duration(rules.timelockSeconds)}, then{' '}
          {duration(rules.gracePeriodSeconds)} to execute.
        </p>
      )}
      <label htmlFor="np-title">Title</label>
      <TextInput id="np-title" value={title} onText={setTitle} required minLength={3} />
      <label htmlFor="np-body">Description</label>
      <textarea id="np-body" value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
      <label htmlFor="np-proposer">Author (address)</label>
      <TextInput id="np-proposer" className="mono" list="np-council" value={proposer} onText={setProposer} required />
      <datalist id="np-council">
        {settings.council.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {kind === 'treasury_spending' && (
        <fieldset className="stack">
          <legend>Transfers from {safes?.label ?? 'the Safe'}</legend>
          {transfers.map((t, i) => (
            <div className="transfer-row" key={i}>
              <StackedField id={`np-rcpt-${i}`} label={`Recipient ${i + 1}`}>
                <TextInput {...cell(i, 'recipient')} className="mono" required />
              </StackedField>
              <StackedField id={`np-token-${i}`} label="Token">
                <select id={`np-token-${i}`} value={t.token} onChange={(e) => update(i, { token: e.target.value })}>
                  <Options options={tokenOptions} />
                </select>
              </StackedField>
              <StackedField id={`np-amount-${i}`} label="Amount">
                <TextInput {...cell(i, 'amount')} inputMode="decimal" required />
              </StackedField>
              {transfers.length > 1 && (
                <RemoveButton onRemove={() => setTransfers((rows) => rows.filter((_, j) => j !== i))} />
              )}
            </div>
          ))}
          <div>
            <button
              type="button"
              onClick={() =>
                setTransfers((rows) => [...rows, { recipient: '', token: token?.address ?? '', amount: '' }])
              }
            >
              Add a transfer
            </button>
          </div>
        </fieldset>
      )}
      <ErrorNote error={formError} />
      <div>
        <button type="submit" className="primary" disabled={busy}>
          Create the proposal
        </button>
      </div>
    </form>
  )
}

/** A transfer row's field: its label above it, as the row lays its fields side by side. */
function StackedField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="stack">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  )
}
