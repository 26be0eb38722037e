import { useEffect, useState, type KeyboardEvent } from 'react'
import { errorMessage, useWorkspaceInfo } from '../../data'
import { refreshGovernance, useGovDetail, useGovList } from './queries'
import { useGovernanceUi } from './state'
import { ProposalList } from './ProposalList'
import { GovernanceProposalView } from './GovernanceProposalDetail'
import { DelegationPanel } from './DelegationPanel'
import { DisputesPanel } from './DisputesPanel'
import { ParticipationPanel } from './ParticipationPanel'
import { HolderIndexPanel } from './HolderIndexPanel'
import { RulesPanel } from './RulesPanel'
import { when } from './format'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { OnChainGovernance } from '../governor'

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
  const workspace = useWorkspaceInfo()
  const hasChain = Boolean(workspace?.chain)
  const { busy: govBusy, notice: govNotice, error: actionError, clear: clearGovMessages } = useGovernanceUi()
  const openDetail = useGovernanceUi((s) => s.open)
  const list = useGovList(hasChain)
  const detail = useGovDetail()
  const govClock = (id ? detail.data?.clock : null) ?? list.data?.clock ?? null
  const loadError = (id ? detail.error : null) ?? list.error
  const govError = actionError ?? (loadError ? errorMessage(loadError) : null)

  useEffect(() => {
    const onHash = () => setRoute(route())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  // The list is re-read whenever it is shown again: states move with the chain, not with this page.
  const { refetch } = list
  useEffect(() => {
    if (hasChain) void refetch()
  }, [hasChain, id, tab, refetch])
  useEffect(() => openDetail(id), [id, openDetail])

  const go = (path: string) => {
    clearGovMessages()
    window.location.hash = `/governance${path}`
  }

  if (!workspace) return <Busy label="Loading the workspace…" />
  if (!workspace.chain)
    return (
      <section>
        <h1>Governance</h1>
        <p className="empty">
          No chain yet. Start the sandbox from the Dashboard, or connect a chain by its RPC URL on the Safes page;
          proposals and votes are read from the chain&apos;s governance token.
        </p>
      </section>
    )
  const current = id ? null : tab
  /** Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern); Enter or Space is the click. */
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys = ['ArrowRight', 'ArrowLeft', 'Home', 'End']
    if (!keys.includes(event.key)) return
    event.preventDefault()
    const at = TABS.findIndex((t) => t.id === (current ?? 'proposals'))
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? TABS.length - 1
          : (at + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length
    const t = TABS[next]
    go(t.id === 'proposals' ? '' : `/${t.id}`)
    document.getElementById(`gov-tab-${t.id}`)?.focus()
  }

  return (
    <section>
      <PageHead
        title="Governance"
        intro={<>One token, one vote: signed votes weighed at each proposal's snapshot block.</>}
        actions={
          <>
            {govClock && (
              <span className={govClock.stale ? 'chip warn' : 'chip'} data-testid="gov-clock" title={govClock.asOf}>
                {govClock.stale ? 'Offline · ' : ''}Block #{govClock.block} · {when(govClock.timestamp)}
              </span>
            )}
            <button onClick={() => void refreshGovernance()} disabled={govBusy}>
              Refresh
            </button>
          </>
        }
      />
      <div role="tablist" aria-label="Governance" className="tabs" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`gov-tab-${t.id}`}
            role="tab"
            aria-selected={current === t.id}
            aria-controls="gov-panel"
            tabIndex={current === t.id || (current === null && t.id === 'proposals') ? 0 : -1}
            onClick={() => go(t.id === 'proposals' ? '' : `/${t.id}`)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {govBusy && <Busy label="Reading the chain…" />}
      <ErrorNote error={govError} className="banner danger" testId="gov-error" />
      {govNotice && (
        <p role="status" className="banner ok" data-testid="gov-notice">
          {govNotice}
        </p>
      )}
      <div role="tabpanel" id="gov-panel" aria-labelledby={`gov-tab-${current ?? 'proposals'}`}>
        {id ? (
          <GovernanceProposalView onBack={() => go('')} />
        ) : tab === 'proposals' ? (
          <>
            <ProposalList onOpen={(pid) => go(`/${pid}`)} />
            <OnChainGovernance />
          </>
        ) : tab === 'delegation' ? (
          <DelegationPanel />
        ) : tab === 'disputes' ? (
          <DisputesPanel />
        ) : tab === 'participation' ? (
          <>
            <ParticipationPanel />
            <HolderIndexPanel />
          </>
        ) : (
          <RulesPanel />
        )}
      </div>
    </section>
  )
}
