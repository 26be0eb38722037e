import { PROPOSAL_STATUSES, OPEN_STATUSES, FINAL_STATUSES } from '../../../../shared/contract'
import { useAllSafes, useSafeOverview, useSafes } from '../safes'
import { useLabels } from '../addressbook'
import { Options } from '../../ui'
import { STATUS_LABEL } from './common'
import { useProposalFilters, type ProposalFilters } from './state'

type Option = { value: string; label: string }
type FilterName = Exclude<keyof ProposalFilters, 'view'>

/** The queue's filters: status, Safe (every Safe of the workspace: the list holds every chain's), category, signer. */
export function QueueFilters({ categories }: { categories: string[] }) {
  const filters = useProposalFilters((s) => s.filters)
  const owners = useSafeOverview().data?.owners ?? []
  const labels = useLabels()
  const safes = useSafes()
  const everySafe = useAllSafes().safes ?? safes
  const statuses = filters.view === 'queue' ? OPEN_STATUSES : FINAL_STATUSES
  const uniqueSafes = [...new Map(everySafe.map((s) => [s.address, s])).values()]
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Filter
        name="status"
        label="Status"
        options={[
          { value: '', label: 'All' },
          ...PROPOSAL_STATUSES.filter((s) => statuses.includes(s)).map((s) => ({ value: s, label: STATUS_LABEL[s] })),
        ]}
      />
      <Filter
        name="safe"
        label="Safe"
        options={[
          { value: '', label: 'All Safes' },
          ...uniqueSafes.map((s) => ({ value: s.address, label: s.label ?? s.address })),
        ]}
      />
      <Filter
        name="category"
        label="Category"
        options={[{ value: '', label: 'All' }, ...categories.map((c) => ({ value: c, label: c }))]}
      />
      <Filter
        name="signer"
        label="Signer"
        options={[{ value: '', label: 'Anyone' }, ...owners.map((o) => ({ value: o, label: labels[o] ?? o }))]}
      />
      {filters.signer && (
        <Filter
          name="signerState"
          label="Has"
          options={[
            { value: 'signed', label: 'signed' },
            { value: 'not_signed', label: 'not signed yet' },
          ]}
        />
      )}
    </form>
  )
}

/** One filter: a labelled select over the queue's filter of that name. */
function Filter({ name, label, options }: { name: FilterName; label: string; options: Option[] }) {
  const value = useProposalFilters((s) => s.filters[name])
  const setFilters = useProposalFilters((s) => s.setFilters)
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => setFilters({ [name]: e.target.value })}>
        <Options options={options} />
      </select>
    </label>
  )
}
