import { useState, type FormEvent } from 'react'
import { useGovSettings } from './queries'
import { useGovernanceUi } from './state'
import type { GovernanceRules, ProposalKindName } from '../../../../shared/contract'
import type { ClockMode } from './format'
import { rulesFields } from './rules-fields'
import { governanceUpdateRules } from './mutations'
import { TokenChoicePanel } from './TokenChoicePanel'

function RulesForm({
  kind,
  label,
  rules,
  clockMode,
}: {
  kind: ProposalKindName
  label: string
  rules: GovernanceRules
  clockMode: ClockMode | undefined
}) {
  const FIELDS = rulesFields(clockMode)
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  const [draft, setDraft] = useState<Record<keyof GovernanceRules, string>>(
    Object.fromEntries(FIELDS.map((f) => [f.key, String(rules[f.key])])) as Record<keyof GovernanceRules, string>,
  )
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const next = Object.fromEntries(FIELDS.map((f) => [f.key, Number(draft[f.key])])) as unknown as GovernanceRules
    void run(
      () => governanceUpdateRules({ kind, rules: next }),
      undefined,
      `${label}: rules saved (proposals already created keep theirs).`,
    )
  }
  return (
    <form className="card stack" aria-label={`${label} rules`} onSubmit={submit} data-testid={`rules-${kind}`}>
      <h3>{label}</h3>
      <div className="rules-grid">
        {FIELDS.map((f) => (
          <div key={f.key} className="stack">
            <label htmlFor={`r-${kind}-${f.key}`}>{f.label}</label>
            <input
              id={`r-${kind}-${f.key}`}
              inputMode="numeric"
              value={draft[f.key]}
              onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
            />
            <span className="muted small">
              {Number.isFinite(Number(draft[f.key])) ? f.hint(Number(draft[f.key])) : ''}
            </span>
          </div>
        ))}
      </div>
      <div>
        <button type="submit" disabled={busy}>
          Save {label.toLowerCase()} rules
        </button>
      </div>
    </form>
  )
}

export function RulesPanel() {
  const settings = useGovSettings()
  if (!settings) return <TokenChoicePanel />
  return (
    <section aria-labelledby="rules-h">
      <TokenChoicePanel />
      <h2 id="rules-h">Proposal types and their rules</h2>
      <p className="muted">
        Each proposal keeps the rules of its type as they were when it was created; every change here is audited. Votes
        are EIP-712 typed data under the domain{' '}
        <span className="mono">{settings.domain ? `${settings.domain.name} v${settings.domain.version}` : '—'}</span>,
        chain {settings.domain?.chainId ?? '—'}, verifyingContract = the governance token{' '}
        <span className="mono">{settings.domain?.verifyingContract ?? '—'}</span>.
      </p>
      {settings.kinds.map((k) => (
        <RulesForm
          key={`${k.kind}-${JSON.stringify(k.rules)}`}
          kind={k.kind}
          label={k.label}
          rules={k.rules}
          clockMode={settings.clockMode}
        />
      ))}
    </section>
  )
}
