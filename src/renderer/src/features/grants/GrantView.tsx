import type { GrantDetail, Milestone } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { DataTable, StatusChip, type Column } from '../../ui'
import { DecisionForm, EvaluationForm } from './GrantReview'
import { MilestoneSteps, OutcomeForm, ScheduleMilestones } from './GrantFollowUp'

type Evaluation = GrantDetail['evaluations'][number]

function milestoneColumns(grant: GrantDetail): Column<Milestone>[] {
  return [
    { id: 'position', header: '#', cell: (m) => m.position },
    { id: 'title', header: 'Milestone', cell: (m) => m.title },
    { id: 'amount', header: 'Amount', numeric: true, cell: (m) => humanAmount(m.amount, grant.decimals) },
    { id: 'due', header: 'Due', className: 'mono small', cell: (m) => m.dueOn },
    {
      id: 'status',
      header: 'Status',
      cell: (m) => (
        <>
          <StatusChip status={m.status} />
          {m.batchId !== null && m.status !== 'paid' && <span className="small muted"> in batch #{m.batchId}</span>}
          {m.statusNote && <div className="small muted">{m.statusNote}</div>}
        </>
      ),
    },
    { id: 'deliverable', header: 'Deliverable', cell: (m) => <MilestoneSteps grant={grant} m={m} /> },
  ]
}

function evaluationColumns(grant: GrantDetail): Column<Evaluation>[] {
  return [
    { id: 'evaluator', header: 'Evaluator', className: 'mono small', cell: (e) => e.evaluator },
    ...grant.criteria.map((c): Column<Evaluation> => ({
      id: `c${c.id}`,
      header: `${c.label} (×${c.weight})`,
      className: 'num',
      cell: (e) => e.scores.find((s) => s.criterionId === c.id)?.score,
    })),
    { id: 'weighted', header: 'Weighted', className: 'num', cell: (e) => e.weightedScore },
    { id: 'comment', header: 'Comment', cell: (e) => e.comment },
  ]
}

export function GrantView({ grant }: { grant: GrantDetail }) {
  return (
    <article className="card" aria-labelledby="grant-h" data-testid="grant-detail">
      <h2 id="grant-h">
        {grant.title} <StatusChip status={grant.status} />
      </h2>
      <p className="muted">
        {grant.programName} · {grant.applicant} · pays <span className="mono">{grant.recipient}</span> ·{' '}
        {humanAmount(grant.amount, grant.decimals)} {grant.symbol} ({humanAmount(grant.paid, grant.decimals)} paid)
        {grant.score !== null && <> · score {grant.score} / 10</>}
      </p>
      {grant.decidedBy && (
        <p data-testid="grant-decision">
          {grant.status} by <span className="mono">{grant.decidedBy}</span>: {grant.decisionReason}
        </p>
      )}
      <DataTable
        rows={grant.milestones}
        columns={milestoneColumns(grant)}
        rowKey={(m) => `${m.id}-${m.status}`}
        rowTestId={(m) => `milestone-${m.position}`}
        testId="milestones"
      />
      {grant.evaluations.length > 0 && (
        <>
          <h3>Evaluations</h3>
          <DataTable
            rows={grant.evaluations}
            columns={evaluationColumns(grant)}
            rowKey={(e) => e.id}
            testId="evaluations"
          />
        </>
      )}
      <div className="grid">
        {grant.status === 'applied' && <EvaluationForm key={`eval-${grant.evaluations.length}`} grant={grant} />}
        {grant.status === 'applied' && <DecisionForm grant={grant} />}
        {grant.status === 'approved' && <OutcomeForm grant={grant} />}
        {grant.status === 'approved' && <ScheduleMilestones grant={grant} />}
      </div>
    </article>
  )
}
