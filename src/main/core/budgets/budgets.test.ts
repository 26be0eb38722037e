import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { saveChain } from '../chain/store'
import { insertBatch, markCancelled, markExecuted, markProposed } from '../disbursements/store'
import { plainSafeTx } from '../signing/safe-tx'
import { budgetReview, budgetReviewCsv } from './review'
import { getLine, insertLine, insertPeriod, insertReallocation } from './store'

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

function workspace() {
  const db = openDatabase(':memory:')
  saveChain(db, { chainId: 31337, name: 'test', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
  const period = insertPeriod(db, { name: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' })
  const line = (category: string, allocation: bigint) =>
    insertLine(db, {
      periodId: period.id,
      category,
      chainId: 31337,
      token: 'native',
      symbol: 'ETH',
      decimals: 18,
      allocation,
    })
  return { db, period, research: line('research', 100n), community: line('=community', 50n) }
}

function batch(db: ReturnType<typeof workspace>['db'], lineId: number, amount: bigint) {
  return insertBatch(db, {
    title: 't',
    source: 'csv',
    chainId: 31337,
    safeAddress: ALICE,
    items: [
      {
        budgetLineId: lineId,
        token: 'native',
        symbol: 'ETH',
        decimals: 18,
        receiver: ALICE,
        amount: amount.toString(),
        milestoneId: null,
        grantId: null,
        label: null,
      },
    ],
  })
}

describe('budget lines', () => {
  it('derive committed from proposed batches and ignore drafts and cancelled ones', () => {
    const { db, research } = workspace()
    const draft = batch(db, research, 30n)
    expect(getLine(db, research)).toMatchObject({ allocated: '100', committed: '0', spent: '0', remaining: '100' })
    const tx = plainSafeTx({ to: ALICE, value: '0', data: '0x', operation: 1, nonce: '0' })
    markProposed(db, draft, { safeTx: tx, safeTxHash: '0x' + '11'.repeat(32), nonce: 0 })
    expect(getLine(db, research)).toMatchObject({ committed: '30', remaining: '70' })
    markCancelled(db, draft)
    expect(getLine(db, research)).toMatchObject({ committed: '0', remaining: '100' })
    // Cancelled here but its signed SafeTx ran anyway: the chain says the money left, so spent follows it.
    markExecuted(db, draft, { txHash: '0x' + '22'.repeat(32), block: 7, at: '2026-07-02T00:00:00.000Z' })
    expect(getLine(db, research)).toMatchObject({ committed: '0', spent: '30', remaining: '70' })
  })

  it('move allocation by recorded reallocations, never beyond what remains', () => {
    const { db, research, community } = workspace()
    insertReallocation(db, {
      fromLineId: research,
      toLineId: community,
      amount: 40n,
      reason: 'shift',
      decidedBy: ALICE,
    })
    expect(getLine(db, research)).toMatchObject({ initialAllocation: '100', allocated: '60', remaining: '60' })
    expect(getLine(db, community)).toMatchObject({ allocated: '90' })
    expect(() =>
      insertReallocation(db, { fromLineId: research, toLineId: community, amount: 61n, reason: 'x', decidedBy: ALICE }),
    ).toThrow(/60 base units remaining/)
  })

  it('export budget vs actual as CSV with formula cells escaped', () => {
    const { db, period } = workspace()
    const { csv, fileName } = budgetReviewCsv(budgetReview(db, period.id))
    expect(fileName).toBe('budget-vs-actual-2026-Q3.csv')
    const lines = csv.trim().split('\n')
    expect(lines[0]).toMatch(/^period,category,token,symbol,allocated,committed,spent,remaining/)
    expect(lines).toHaveLength(3)
    expect(csv).toContain(`"'=community"`)
    expect(csv).toContain('2026-Q3,research,native,ETH,0.0000000000000001,0.0,0.0,0.0000000000000001')
  })
})
