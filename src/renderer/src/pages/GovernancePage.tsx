import { useEffect, useState } from 'react'
import { useApp } from '../store'
import { ProposalList } from './governance/ProposalList'
import { ProposalDetailView } from './governance/ProposalDetailView'
import { DelegationPanel } from './governance/DelegationPanel'
import { DisputesPanel } from './governance/DisputesPanel'
import { ParticipationPanel } from './governance/ParticipationPanel'
import { RulesPanel } from './governance/RulesPanel'
import { when } from './governance/format'

const TABS = [
  { id: 'proposals', label: 'Proposals' },
  { id: 'delegation', label: 'Delegation' },
  { id: 'disputes', label: 'Disputes' },
  { id: 'participation', label: 'Participation' },
  { id: 'rules', label: 'Rules' },
] as const
type Tab = (typeof TABS)[number]['id']

/** `#/governance`, `#/governance/<tab>` or `#/governance/<proposal id>`. */
function route(): { tab: Tab; id: string | null } {
  const part = window.location.hash.replace(/^#\/?/, '').split('/')[1] ?? ''
  if (/^0x[0-9a-fA-F]{64}$/.test(part)) return { tab: 'proposals', id: part.toLowerCase() }
  return { tab: TABS.some((t) => t.id === part) ? (part as Tab) : 'proposals', id: null }
}

export function GovernancePage() {
  const [{ tab, id }, setRoute] = useState(route)
  const workspace = useApp((s) => s.workspace)
  const { govClock, govError, govNotice, loadGovernance, loadProposal, clearGovMessages } = useApp()

  useEffect(() => {
    const onHash = () => setRoute(route())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  // The list is re-read whenever it is shown again: states move with the chain, not with this page.
  useEffect(() => {
    if (workspace?.chain) void loadGovernance()
  }, [workspace?.chain, id, tab, loadGovernance])
  useEffect(() => {
    if (id) void loadProposal(id)
  }, [id, loadProposal])

  const go = (path: string) => {
    clearGovMessages()
    window.location.hash = `/governance${path}`
  }

  if (!workspace) return <p className="muted">Loading the workspace…</p>
  if (!workspace.chain) return <p className="empty">Connect a chain or start the sandbox first.</p>

  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Governance</h1>
          <p className="muted">One token, one vote: signed votes weighed at each proposal's snapshot block.</p>
        </div>
        <div className="head-actions">
          {govClock && (
            <span className={govClock.stale ? 'chip warn' : 'chip'} data-testid="gov-clock" title={govClock.asOf}>
              {govClock.stale ? 'Offline · ' : ''}Block #{govClock.block} · {when(govClock.timestamp)}
            </span>
          )}
          <button onClick={() => void (id ? loadProposal(id) : loadGovernance())}>Refresh</button>
        </div>
      </header>
      <div role="tablist" aria-label="Governance" className="tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id && !id}
            onClick={() => go(t.id === 'proposals' ? '' : `/${t.id}`)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {govError && (
        <p role="alert" className="banner danger" data-testid="gov-error">
          {govError}
        </p>
      )}
      {govNotice && (
        <p role="status" className="banner ok" data-testid="gov-notice">
          {govNotice}
        </p>
      )}
      <div role="tabpanel">
        {id ? (
          <ProposalDetailView onBack={() => go('')} />
        ) : tab === 'proposals' ? (
          <ProposalList onOpen={(pid) => go(`/${pid}`)} />
        ) : tab === 'delegation' ? (
          <DelegationPanel />
        ) : tab === 'disputes' ? (
          <DisputesPanel />
        ) : tab === 'participation' ? (
          <ParticipationPanel />
        ) : (
          <RulesPanel />
        )}
      </div>
    </section>
  )
}
