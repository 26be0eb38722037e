import { AddressCell, AmountCell, DataTable, type Column } from '../../ui'
import type { GovernorExecutionView } from '../../../../shared/contract/governor'
import { useGovernorExecutions } from './queries'

const columns: Column<GovernorExecutionView>[] = [
  {
    id: 'at',
    header: 'Executed',
    cell: (e) => e.executedAt.slice(0, 19).replace('T', ' '),
    sortValue: (e) => e.executedAt,
  },
  { id: 'title', header: 'Proposal', rowHeader: true, cell: (e) => e.title },
  {
    id: 'by',
    header: 'By',
    cell: (e) => (
      <>
        Governor <AddressCell address={e.governor} /> (module)
      </>
    ),
  },
  {
    id: 'out',
    header: 'Paid out',
    numeric: true,
    cell: (e) =>
      e.outflows.map((o) => (
        <div key={o.token ?? 'native'}>
          <AmountCell amount={o.amount} decimals={o.decimals} symbol={o.symbol} />
        </div>
      )),
  },
  { id: 'tx', header: 'Transaction', cell: (e) => <span className="mono">{e.executedTxHash.slice(0, 18)}…</span> },
]

/** The Safe's history by governance: what the Governor's timelock executed on it through the module. */
export function GovernorExecutions() {
  const executions = useGovernorExecutions()
  if (!executions.data?.length) return null
  return (
    <section aria-labelledby="gov-exec-h">
      <h2 id="gov-exec-h">Executed by on-chain governance</h2>
      <DataTable
        rows={executions.data}
        columns={columns}
        rowKey={(e) => `${e.governor}:${e.proposalId}`}
        rowTestId={() => 'governor-execution'}
        label="Executed by on-chain governance"
      />
    </section>
  )
}
