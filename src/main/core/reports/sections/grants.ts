import type { Db } from '../../db/open'
import type { Period } from '../../audit'
import { humanUnits } from '../units'
import type { SectionTable } from './types'

export interface GrantPaidRow {
  programName: string
  grantId: number
  title: string
  recipient: string
  symbol: string
  decimals: number
  granted: string
  /** Paid by batches the chain confirmed inside the period, and by any time up to its end. */
  paidInPeriod: string
  paidToDate: string
  milestones: number
  delivered: number
  paidMilestones: number
  outcome: string
}

/**
 * Approved grants decided before the period ended, with what the chain-confirmed batches paid them. A milestone
 * counts as delivered once the council approved it (approved or paid).
 */
export function grantsPaid(db: Db, period: Period): GrantPaidRow[] {
  const from = period.fromIso ?? ''
  const to = period.toIso ?? '\uffff'
  const rows = db
    .prepare(
      `SELECT g.id, g.title, g.recipient, g.symbol, g.decimals, g.amount, g.outcome_notes, p.name AS program,
         (SELECT count(*) FROM grant_milestones m WHERE m.grant_id = g.id) AS milestones,
         (SELECT count(*) FROM grant_milestones m WHERE m.grant_id = g.id AND m.status IN ('approved', 'paid')) AS delivered,
         (SELECT count(*) FROM grant_milestones m WHERE m.grant_id = g.id AND m.status = 'paid') AS paid_milestones
         FROM grants g JOIN grant_programs p ON p.id = g.program_id
        WHERE g.status = 'approved' AND coalesce(g.decided_at, g.created_at) < ?
        ORDER BY p.name, g.id`,
    )
    .all(to) as Array<{
    id: number
    title: string
    recipient: string
    symbol: string
    decimals: number
    amount: string
    outcome_notes: string
    program: string
    milestones: number
    delivered: number
    paid_milestones: number
  }>
  const payments = db.prepare(
    `SELECT i.amount, b.executed_at FROM disbursement_items i
       JOIN disbursement_batches b ON b.id = i.batch_id
       JOIN grant_milestones m ON m.id = i.milestone_id
      WHERE m.grant_id = ? AND b.status = 'executed' AND b.executed_at < ?`,
  )
  return rows.map((g) => {
    let inPeriod = 0n
    let toDate = 0n
    for (const p of payments.all(g.id, to) as Array<{ amount: string; executed_at: string }>) {
      toDate += BigInt(p.amount)
      if (p.executed_at >= from) inPeriod += BigInt(p.amount)
    }
    return {
      programName: g.program,
      grantId: g.id,
      title: g.title,
      recipient: g.recipient,
      symbol: g.symbol,
      decimals: g.decimals,
      granted: g.amount,
      paidInPeriod: inPeriod.toString(),
      paidToDate: toDate.toString(),
      milestones: g.milestones,
      delivered: g.delivered,
      paidMilestones: g.paid_milestones,
      outcome: g.outcome_notes,
    }
  })
}

export function grantsSection(db: Db, period: Period): SectionTable {
  return {
    headers: ['Program', 'Grant', 'Token', 'Granted', 'Paid in period', 'Paid to date', 'Milestones', 'Outcome'],
    rows: grantsPaid(db, period).map((g) => [
      g.programName,
      `#${g.grantId} ${g.title}`,
      g.symbol,
      humanUnits(g.granted, g.decimals),
      humanUnits(g.paidInPeriod, g.decimals),
      humanUnits(g.paidToDate, g.decimals),
      `${g.delivered} of ${g.milestones} delivered, ${g.paidMilestones} paid`,
      g.outcome || '—',
    ]),
  }
}
