import type { Db } from '../db/open'
import { KIND_LABELS, type ProposalKind } from '../governance'

/**
 * The spending category of each executed transaction the workspace knows, by chain transaction hash (lower case):
 * a disbursement batch names its grant programs (`Grant: <program>`) or budget lines; a Safe proposal its category,
 * else its budget line; a governance decision its type. Read once per report (a few thousand rows at most).
 */
export function recordedFlowCategories(db: Db): (txHash: string) => string | null {
  const categories = new Map<string, string>()
  const put = (txHash: string | null, category: string | null) => {
    if (txHash && category && !categories.has(txHash.toLowerCase())) categories.set(txHash.toLowerCase(), category)
  }
  const batchRows = db
    .prepare(
      `SELECT b.executed_tx_hash AS tx, coalesce('Grant: ' || gp.name, l.category) AS category
         FROM disbursement_batches b
         JOIN disbursement_items i ON i.batch_id = b.id
         JOIN budget_lines l ON l.id = i.budget_line_id
         LEFT JOIN grant_milestones m ON m.id = i.milestone_id
         LEFT JOIN grants g ON g.id = m.grant_id
         LEFT JOIN grant_programs gp ON gp.id = g.program_id
        WHERE b.status = 'executed' AND b.executed_tx_hash IS NOT NULL
        ORDER BY b.id, i.position`,
    )
    .all() as Array<{ tx: string; category: string }>
  const perBatch = new Map<string, string[]>()
  for (const r of batchRows) {
    const list = perBatch.get(r.tx) ?? []
    if (!list.includes(r.category)) list.push(r.category)
    perBatch.set(r.tx, list)
  }
  for (const [tx, list] of perBatch) put(tx, list.join(', '))
  const proposalRows = db
    .prepare(
      `SELECT e.tx_hash AS tx, p.category, l.category AS line, g.kind AS governance_kind
         FROM proposal_executions e JOIN proposals p ON p.id = e.proposal_id
         LEFT JOIN budget_lines l ON p.budget_line_id GLOB '[0-9]*' AND l.id = CAST(p.budget_line_id AS INTEGER)
         LEFT JOIN governance_proposals g ON p.grant_link = 'governance:' || g.id
        WHERE e.outcome = 'success'
        ORDER BY e.at`,
    )
    .all() as Array<{ tx: string; category: string | null; line: string | null; governance_kind: ProposalKind | null }>
  for (const r of proposalRows)
    put(r.tx, r.category ?? r.line ?? (r.governance_kind ? `Governance: ${KIND_LABELS[r.governance_kind]}` : null))
  const governanceRows = db
    .prepare('SELECT execution_tx_hash AS tx, kind FROM governance_proposals WHERE execution_tx_hash IS NOT NULL')
    .all() as Array<{ tx: string; kind: ProposalKind }>
  for (const r of governanceRows) put(r.tx, `Governance: ${KIND_LABELS[r.kind]}`)
  return (txHash) => categories.get(txHash.toLowerCase()) ?? null
}
