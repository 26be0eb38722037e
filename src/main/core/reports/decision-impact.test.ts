import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { toPeriod } from '../audit'
import { insertReallocation } from '../budgets'
import { reportRecords, BATCH_EXEC_TX, CHAIN_ID, GRANTEE, OWNER_A, TOKEN } from '../../../../test/unit/report-records'
import { importPriceCsv } from '../pricing'
import { createContext } from '../workspace/context'
import { decisionImpact, decisionImpacts } from './decision-impact'
import { runExport } from './export'
import { impactHandlers } from '../../api/impact'
import type { Services } from '../../api/services'

const E18 = 10n ** 18n

describe('decision impact', () => {
  it('traces a decision to the money it moved, the milestones its batch paid and the lines it charged', () => {
    const w = reportRecords()
    // A reallocation that names the decision in its reason counts as a change the decision made.
    insertReallocation(w.db, {
      fromLineId: w.opsLine,
      toLineId: w.researchLine,
      amount: 20n * E18,
      reason: `top-up decided by ${w.decisionId}`,
      decidedBy: OWNER_A,
    })
    const [impact] = decisionImpacts(w.db, toPeriod(w.period))
    expect(impact).toMatchObject({
      id: w.decisionId,
      outcome: 'Executed',
      turnoutBps: 500,
      quorumReached: true,
      safeTxHash: w.batchSafeTxHash,
      executedTxHash: BATCH_EXEC_TX,
    })
    // Approved 100 + 150, both moved when the Safe executed the linked batch.
    expect(impact.approved).toEqual([{ token: TOKEN, symbol: 'AITBC', decimals: 18, amount: String(250n * E18) }])
    expect(impact.moved.map(({ value: _value, ...amount }) => amount)).toEqual(impact.approved)
    // No price was imported: the moved money says so instead of being worth 0.
    expect(impact.moved[0].value).toMatchObject({ priced: false, currency: 'USD' })
    expect(impact.grants).toHaveLength(1)
    expect(impact.grants[0]).toMatchObject({ grantId: w.grantId, title: 'ZK audit', recipient: GRANTEE })
    expect(impact.grants[0].milestones.map((m) => [m.title, m.amount, m.status, m.paidTxHash])).toEqual([
      ['Design', String(100n * E18), 'paid', BATCH_EXEC_TX],
      ['Report', String(150n * E18), 'paid', BATCH_EXEC_TX],
    ])
    const lines = Object.fromEntries(impact.budgetLines.map((l) => [l.category, l]))
    expect(lines.research).toMatchObject({ charged: String(250n * E18), reallocated: String(20n * E18) })
    expect(lines.operations).toMatchObject({ charged: '0', reallocated: String(-20n * E18) })
  })

  it('values the money a decision moved at the day it moved, from the steward\'s imported prices', () => {
    const w = reportRecords()
    const [before] = decisionImpacts(w.db, toPeriod(w.period))
    const day = before.executedAt!.slice(0, 10)
    importPriceCsv(createContext(w.db, 'cli', 'test'), CHAIN_ID, `date,token,price\n${day},${TOKEN},1.25\n`, 'sheet')
    const [impact] = decisionImpacts(w.db, toPeriod(w.period))
    // 250 AITBC at 1.25 USD, computed by hand.
    expect(impact.moved[0].value).toMatchObject({ priced: true, currency: 'USD', value: '312.5', price: '1.25' })
  })

  it('answers through impact.decisions for one id, and refuses an unknown one', async () => {
    const w = reportRecords()
    const services = { ctx: { db: w.db } } as Services
    const out = await impactHandlers['impact.decisions']({ id: w.decisionId }, services)
    expect(out.decisions.map((d) => d.id)).toEqual([w.decisionId])
    await expect(impactHandlers['impact.decisions']({ id: '0x' + '00'.repeat(32) }, services)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('a decision with nothing executed moved nothing yet', () => {
    const w = reportRecords()
    w.db.prepare('UPDATE governance_proposals SET execution_tx_hash = NULL, executed_at = NULL').run()
    const impact = decisionImpact(w.db, w.decisionId)!
    expect(impact.moved).toEqual([{ token: TOKEN, symbol: 'AITBC', decimals: 18, amount: '0' }])
  })
})

describe('the PDF prints every records section with its figures', { timeout: 60_000 }, () => {
  it('budget vs actual, grants paid, governance decisions and decision impact', async () => {
    const w = reportRecords()
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.pdf')
    await runExport(w.db, { format: 'pdf', period: w.period, generator: 'test' }, file)
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout
    for (const title of ['Budget vs actual', 'Grants paid', 'Governance decisions', 'Decision impact'])
      expect(text).toContain(title)
    expect(text).toMatch(/2026-Q3\s+research\s+AITBC\s+1000\s+0\s+250\s+750\s+25\.00 %/)
    // Cells wrap inside their column: each row's first line holds these figures.
    expect(text).toMatch(/Research\s+#\d+ ZK audit\s+AITBC\s+250\s+250\s+250\s+2 of 2\s+Audit published/)
    expect(text).toMatch(/Fund the ZK audit\s+Treasury\s+Executed\s+5\.00 % \(3 voters\)\s+reached \(2\.00 %\)/)
    expect(text).toMatch(/Fund the ZK audit\s+250 AITBC\s+250 AITBC\s+#\d+ ZK audit: Design paid,\s+2026-Q3 research: 250/)
  })
})
