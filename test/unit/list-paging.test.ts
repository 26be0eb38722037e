import { describe, expect, it } from 'vitest'
import { reportRecords, GRANTEE, SAFE, TOKEN, CHAIN_ID } from './report-records'
import { insertApplication, listGrants } from '../../src/main/core/grants/store'
import { insertBatch, listBatches } from '../../src/main/core/disbursements/store'

/** A page of grants.list / disbursements.list is exactly that slice of the whole list, summaries included. */
describe('paged grants and disbursement lists', () => {
  it('return the same summaries as the whole list, newest first', () => {
    const w = reportRecords()
    const programId = w.db.prepare('SELECT id FROM grant_programs').pluck().get() as number
    for (let i = 0; i < 7; i++)
      insertApplication(w.db, {
        programId,
        title: `Grant ${i}`,
        applicant: 'a',
        recipient: GRANTEE,
        milestones: [{ title: 'm', amount: String(i + 1), dueOn: '2026-09-01' }],
      })
    for (let i = 0; i < 6; i++)
      insertBatch(w.db, {
        title: `Batch ${i}`,
        source: 'csv',
        chainId: CHAIN_ID,
        safeAddress: SAFE,
        items: [
          {
            budgetLineId: w.opsLine,
            token: TOKEN,
            symbol: 'AITBC',
            decimals: 18,
            receiver: GRANTEE,
            amount: String(i + 1),
            milestoneId: null,
            grantId: null,
            label: null,
          },
        ],
      })
    const grants = listGrants(w.db)
    expect(grants).toHaveLength(8)
    expect(listGrants(w.db, undefined, { limit: 3, offset: 0 })).toEqual(grants.slice(0, 3))
    expect(listGrants(w.db, undefined, { limit: 3, offset: 6 })).toEqual(grants.slice(6))
    expect(listGrants(w.db, programId, { limit: 2, offset: 7 })).toEqual(grants.slice(7))
    const batches = listBatches(w.db)
    expect(batches).toHaveLength(7)
    expect(listBatches(w.db, undefined, { limit: 4, offset: 2 })).toEqual(batches.slice(2, 6))
    expect(listBatches(w.db, 'draft', { limit: 10, offset: 0 })).toEqual(batches.filter((b) => b.status === 'draft'))
  })
})
