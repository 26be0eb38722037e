import type { GrantProgram, GrantSummary } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { Card, DataTable, ErrorNote, StatusChip, type Column, PageHead } from '../../ui'
import { PendingCouncilActs } from '../council'
import { ApplicationForm } from './ApplicationForm'
import { GrantView } from './GrantView'
import { ProgramForm } from './ProgramForm'
import { useGrant, useGrantPrograms, useGrants } from './queries'
import { useGrantsView } from './state'

const PROGRAM_COLUMNS: Column<GrantProgram>[] = [
  { id: 'name', header: 'Program', rowHeader: true, cell: (p) => p.name, sortValue: (p) => p.name },
  { id: 'category', header: 'Category', cell: (p) => p.category, sortValue: (p) => p.category },
  { id: 'line', header: 'Budget line', cell: (p) => p.budgetLineLabel },
  {
    id: 'criteria',
    header: 'Criteria',
    className: 'small',
    cell: (p) => p.criteria.map((c) => `${c.label} ×${c.weight}`).join(', '),
  },
  { id: 'grants', header: 'Grants', className: 'num', cell: (p) => p.grants, sortValue: (p) => p.grants },
]

function grantColumns(open: (id: number) => void): Column<GrantSummary>[] {
  return [
    {
      id: 'title',
      header: 'Title',
      rowHeader: true,
      sortValue: (g) => g.title,
      cell: (g) => (
        <button className="link" onClick={() => open(g.id)}>
          {g.title}
        </button>
      ),
    },
    { id: 'program', header: 'Program', cell: (g) => g.programName, sortValue: (g) => g.programName },
    { id: 'status', header: 'Status', cell: (g) => <StatusChip status={g.status} />, sortValue: (g) => g.status },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (g) => `${humanAmount(g.amount, g.decimals)} ${g.symbol}`,
    },
    { id: 'paid', header: 'Paid', numeric: true, cell: (g) => humanAmount(g.paid, g.decimals) },
    {
      id: 'milestones',
      header: 'Milestones',
      className: 'num',
      cell: (g) => `${g.milestonesPaid}/${g.milestoneCount} paid`,
    },
    { id: 'score', header: 'Score', className: 'num', cell: (g) => g.score ?? '—', sortValue: (g) => g.score },
  ]
}

export function GrantsPage() {
  const programs = useGrantPrograms()
  const grants = useGrants()
  const grantId = useGrantsView((s) => s.grantId)
  const openGrant = useGrantsView((s) => s.openGrant)
  const grant = useGrant(grantId)
  const error = programs.error ?? grants.error ?? grant.error
  return (
    <section>
      <PageHead
        title="Grants"
        intro={<>Programs with weighted funding criteria; applications evaluated and decided by the council.</>}
      />
      <ErrorNote error={error ? { message: error.message } : null} />
      <Card title="Programs" headingId="programs-h">
        <DataTable
          rows={programs.data ?? []}
          columns={PROGRAM_COLUMNS}
          rowKey={(p) => p.id}
          testId="programs"
          empty={
            <p className="empty">
              No programs yet. A program draws on one budget line: create a budget period and line on the Budgets page
              first, then create the program with New grant program below.
            </p>
          }
        />
      </Card>
      <Card title="Applications and grants" headingId="grants-h">
        <DataTable
          rows={grants.data ?? []}
          columns={grantColumns(openGrant)}
          rowKey={(g) => g.id}
          testId="grants"
          rowAriaSelected={(g) => grantId === g.id}
          empty={
            <p className="empty">
              No applications yet. Submit one with New application below (a program, a recipient and its milestones);
              council members then evaluate and decide it here.
            </p>
          }
        />
      </Card>
      {grant.data && <GrantView key={grant.data.id} grant={grant.data} />}
      <PendingCouncilActs />
      <div className="grid">
        <ProgramForm />
        {(programs.data?.length ?? 0) > 0 && <ApplicationForm onDone={(g) => openGrant(g.id)} />}
      </div>
    </section>
  )
}
