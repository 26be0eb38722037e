import { describe, expect, it } from 'vitest'
import { toPeriod } from '../audit'
import { reportRecords, BATCH_EXEC_TX, PROPOSAL_EXEC_TX, OWNER_A, OWNER_B } from '../../../../test/unit/report-records'
import { REPORT_SECTION_SOURCES, FLOW_CATEGORY_SOURCES } from './report-data'
import { ANALYTICS_PROVIDERS, type AnalyticsContext } from './analytics'

/*
 * Every report section and every records-backed chart must compute something on a workspace that holds the records
 * it reads: an empty table or an empty chart here means an extension point went back to returning nothing.
 * Expected figures are worked out by hand from the fixture (test/unit/report-records.ts).
 */

const E18 = 10n ** 18n

function sections() {
  const w = reportRecords()
  const period = toPeriod(w.period)
  const byId = Object.fromEntries(
    REPORT_SECTION_SOURCES.map((s) => [s.id, s.collect(w.db, period, { clock: null })]),
  )
  return { w, period, byId }
}

describe('report sections from the workspace records', () => {
  it('budget vs actual: one row per line with allocated, committed, spent, remaining and the share spent', () => {
    const { byId } = sections()
    expect(byId.budgets?.rows).toEqual([
      ['2026-Q3', 'operations', 'AITBC', '500', '0', '40', '460', '8.00 %'],
      ['2026-Q3', 'research', 'AITBC', '1000', '0', '250', '750', '25.00 %'],
    ])
  })

  it('grants paid: per program, what was granted and paid, milestones delivered and the outcome', () => {
    const { byId } = sections()
    expect(byId.grants?.rows).toEqual([
      ['Research grants', expect.stringMatching(/ZK audit$/), 'AITBC', '250', '250', '250', '2 of 2 delivered, 2 paid', 'Audit published'],
    ])
  })

  it('governance: type, outcome, turnout over the snapshot supply, quorum and the executed Safe transaction', () => {
    const { byId, w } = sections()
    const [row] = byId.governance!.rows
    expect(row.slice(0, 5)).toEqual([
      'Fund the ZK audit',
      'Treasury spending',
      'Executed',
      '5.00 % (3 voters)', // (300 + 100 + 100) of 10,000
      'reached (2.00 %)', // for + abstain = 400 ≥ 200
    ])
    expect(row[5]).toContain(w.batchSafeTxHash.slice(0, 10))
    expect(row[6]).toMatch(/^yes, 2026-08-20/)
  })

  it('each section is empty (prints its "none") on a period with no records', () => {
    const { w } = sections()
    const before = toPeriod({ from: '2025-01-01', to: '2025-02-01' })
    for (const s of REPORT_SECTION_SOURCES) expect(s.collect(w.db, before, { clock: null })?.rows, s.id).toEqual([])
  })

  it('categorise outflows by grant program, proposal category and governance decision', () => {
    const { w } = sections()
    const lookups = FLOW_CATEGORY_SOURCES.map((s) => s(w.db))
    expect(lookups.length).toBeGreaterThan(0)
    const categoryOf = (tx: string) => lookups.map((l) => l(tx)).find((c) => c) ?? null
    expect(categoryOf(BATCH_EXEC_TX.toUpperCase().replace('0X', '0x'))).toBe('Grant: Research grants')
    expect(categoryOf(PROPOSAL_EXEC_TX)).toBe('infrastructure')
    expect(categoryOf('0x' + '99'.repeat(32))).toBeNull()
  })
})

describe('records-backed analytics charts', () => {
  async function series(id: string) {
    const { w, period } = sections()
    const context: AnalyticsContext = { db: w.db, period, now: new Date('2026-10-01'), chain: async () => null }
    const provider = ANALYTICS_PROVIDERS.find((p) => p.id === id)!
    return provider.compute(context)
  }

  it('budget utilisation: spent and committed per line in hundredths of a percent', async () => {
    const s = await series('budget-utilisation')
    expect(s.empty).toBeNull()
    expect(s.labels).toEqual(['2026-Q3 operations (AITBC)', '2026-Q3 research (AITBC)'])
    expect(s.datasets[0]).toEqual({ label: 'Spent %', decimals: 2, values: ['800', '2500'] })
  })

  it('time to threshold: median minutes per signer and to the threshold-th signature', async () => {
    const s = await series('time-to-threshold')
    expect(s.empty).toBeNull()
    // Signers sort by address (0x3C44… before 0x7099…); the threshold comes last.
    expect(s.labels).toEqual([OWNER_B, OWNER_A, 'Threshold reached'])
    const minutes = Object.fromEntries(s.labels.map((l, i) => [l, s.datasets[0].values[i]]))
    expect(minutes).toEqual({ [OWNER_A]: '30', [OWNER_B]: '120', 'Threshold reached': '120' })
  })

  it('governance turnout: votes cast over the supply at the snapshot, beside the quorum', async () => {
    const s = await series('governance-turnout')
    expect(s.empty).toBeNull()
    expect(s.labels).toEqual(['Fund the ZK audit'])
    expect(s.datasets).toEqual([
      { label: 'Turnout %', decimals: 2, values: [String(Number(((300n + 100n + 100n) * E18 * 10_000n) / (10_000n * E18)))] },
      { label: 'Quorum %', decimals: 2, values: ['200'] },
    ])
  })

  it('no chart is a placeholder: every provider reads records or the chain', () => {
    expect(ANALYTICS_PROVIDERS.map((p) => p.compute.toString()).join('\n')).not.toMatch(/are recorded yet/)
  })
})
