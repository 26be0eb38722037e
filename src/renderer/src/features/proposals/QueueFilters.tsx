import { PROPOSAL_STATUSES, OPEN_STATUSES, FINAL_STATUSES } from '../../../../shared/contract'
import { useAllSafes, useSafeOverview, useSafes } from '../safes'
import { useLabels } from '../addressbook'
import { STATUS_LABEL } from './common'
import { useProposalFilters } from './state'

/** The queue's filters: status, Safe (every Safe of the workspace: the list holds every chain's), category, signer. */
export function QueueFilters({ categories }: { categories: string[] }) {
  const { filters, setFilters } = useProposalFilters()
  const owners = useSafeOverview().data?.owners ?? []
  const labels = useLabels()
  const safes = useSafes()
  const everySafe = useAllSafes().safes ?? safes
  const statuses = filters.view === 'queue' ? OPEN_STATUSES : FINAL_STATUSES
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        Status
        <select value={filters.status} onChange={(e) => setFilters({ status: e.target.value as never })}>
          <option value="">All</option>
          {PROPOSAL_STATUSES.filter((s) => statuses.includes(s)).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Safe
        <select value={filters.safe} onChange={(e) => setFilters({ safe: e.target.value })}>
          <option value="">All Safes</option>
          {[...new Map(everySafe.map((s) => [s.address, s])).values()].map((s) => (
            <option key={s.address} value={s.address}>
              {s.label ?? s.address}
            </option>
          ))}
        </select>
      </label>
      <label>
        Category
        <select value={filters.category} onChange={(e) => setFilters({ category: e.target.value })}>
          <option value="">All</option>
          {categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <label>
        Signer
        <select value={filters.signer} onChange={(e) => setFilters({ signer: e.target.value })}>
          <option value="">Anyone</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {labels[o] ?? o}
            </option>
          ))}
        </select>
      </label>
      {filters.signer && (
        <label>
          Has
          <select value={filters.signerState} onChange={(e) => setFilters({ signerState: e.target.value as never })}>
            <option value="signed">signed</option>
            <option value="not_signed">not signed yet</option>
          </select>
        </label>
      )}
    </form>
  )
}
