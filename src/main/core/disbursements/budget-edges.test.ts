import { describe, expect, it, vi } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { openDatabase } from '../db/open'
import { createContext } from '../workspace/context'
import { createSandboxController } from '../workflows/sandbox-workspace'
import { KeyStore } from '../keys'
import { saveChain } from '../chain/store'
import { getSafe, insertSafe, saveSnapshot } from '../safe/store'
import { saveToken } from '../tokens/registry'
import { getLine, insertLine, insertPeriod } from '../budgets/store'
import {
  insertApplication,
  insertEvaluation,
  insertProgram,
  moveMilestone,
  programCriteria,
  recordDecision,
  getGrant,
  getMilestone,
} from '../grants/store'
import { listAuditEvents } from '../audit/log'
import { plainSafeTx } from '../signing/safe-tx'
import {
  checkPlan,
  itemsFromCsv,
  itemsFromMilestones,
  itemsFromSource,
  overBudgetMessage,
  pendingOutflows,
} from './plan'
import { getBatch, insertBatch, markProposed } from './store'
import { draftDueBatches, startScheduleRunner } from './drafting'
import { insertSchedule } from './schedule'
import { createApi } from '../../api'

/**
 * Budget edges: a batch exactly at its line's remaining amount passes, one base unit more is refused, for the three
 * ways a batch is made (approved milestones, a CSV file, a schedule's draft). The line has 1 ETH + 7 wei allocated
 * and 7 wei already committed by a proposed batch, so "remaining" is derived, not just the allocation.
 */
const CHAIN = 31337
const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const ONE_ETH = 10n ** 18n
const REMAINING = ONE_ETH

function workspace() {
  const ctx = createContext(openDatabase(':memory:'), 'cli', 'test')
  const db = ctx.db
  saveChain(db, { chainId: CHAIN, name: 'test', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
  insertSafe(db, CHAIN, SAFE, 'Treasury')
  saveSnapshot(db, {
    chainId: CHAIN,
    address: SAFE,
    label: 'Treasury',
    version: '1.4.1',
    owners: [ALICE, BOB],
    threshold: 2,
    nonce: 0,
    modules: [],
    guard: null,
    fallbackHandler: null,
    balances: [{ symbol: 'ETH', address: null, decimals: 18, balance: (100n * ONE_ETH).toString() }],
    asOf: new Date().toISOString(),
    stale: false,
  })
  const period = insertPeriod(db, { name: '2026-Q4', startsOn: '2026-10-01', endsOn: '2026-12-31' })
  const lineId = insertLine(db, {
    periodId: period.id,
    category: 'research',
    chainId: CHAIN,
    token: 'native',
    symbol: 'ETH',
    decimals: 18,
    allocation: ONE_ETH + 7n,
  })
  const committed = insertBatch(db, {
    title: 'earlier',
    source: 'csv',
    chainId: CHAIN,
    safeAddress: SAFE,
    items: [item(lineId, 7n)],
  })
  markProposed(db, committed, {
    safeTx: plainSafeTx({ to: BOB, value: '7', data: '0x', operation: 0, nonce: '0' }),
    safeTxHash: '0x' + '11'.repeat(32),
    nonce: 0,
  })
  expect(getLine(db, lineId)).toMatchObject({ committed: '7', remaining: REMAINING.toString() })

  const keys = new KeyStore(ctx, { dir: join(mkdtempSync(join(tmpdir(), 'treasury-edges-')), 'keys'), scryptN: 1024 })
  const sandbox = createSandboxController(
    ctx,
    () => {},
    () => Promise.reject(new Error('offline')),
  )
  const api = createApi({ ctx, keys, sandbox }, () => {})
  const call = async (name: string, input: unknown) => {
    const r = await api.dispatch(name, input)
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
    return r.value as never
  }
  const batchCount = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM disbursement_batches').get() as { n: number }).n
  return { ctx, db, lineId, call, batchCount }
}

function item(budgetLineId: number, amount: bigint, receiver = ALICE) {
  return {
    budgetLineId,
    token: 'native',
    symbol: 'ETH',
    decimals: 18,
    receiver,
    amount: amount.toString(),
    milestoneId: null,
    grantId: null,
    label: null,
  }
}

/** An approved grant whose one milestone (of `amount`) is approved, paid from `lineId`. */
function approvedMilestone(db: ReturnType<typeof workspace>['db'], lineId: number, amount: bigint, name: string) {
  const programId = insertProgram(db, {
    name,
    category: 'research',
    description: '',
    budgetLineId: lineId,
    criteria: [{ label: 'impact', weight: 1 }],
  })
  const grantId = insertApplication(db, {
    programId,
    title: name,
    applicant: 'a team',
    recipient: BOB,
    milestones: [{ title: 'm1', amount: amount.toString(), dueOn: '2026-11-01' }],
  })
  const criterion = programCriteria(db, programId)[0]
  insertEvaluation(db, { grantId, evaluator: ALICE, scores: [{ criterionId: criterion.id, score: 5 }], comment: '' })
  recordDecision(db, { grantId, decision: 'approve', reason: 'good', decidedBy: ALICE })
  const milestoneId = getGrant(db, grantId).milestones[0].id
  moveMilestone(db, { milestoneId, action: 'submit' })
  moveMilestone(db, { milestoneId, action: 'approve' })
  return milestoneId
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as Error & { code: string; details?: { lines?: Array<{ overBy: string; remaining: string }> } }
  }
  throw new Error('the batch was accepted')
}

describe('budget edges: exactly the remaining amount passes, one base unit more is refused', () => {
  it('the plan check: remaining passes with overBy 0, remaining + 1 wei is over by exactly 1', () => {
    const { db, lineId } = workspace()
    const at = checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items: [item(lineId, REMAINING)] })
    expect(at.overBudget).toBe(false)
    expect(at.lines[0]).toMatchObject({ total: REMAINING.toString(), remaining: REMAINING.toString(), overBy: '0' })
    const over = checkPlan(db, {
      chainId: CHAIN,
      safeAddress: SAFE,
      items: [item(lineId, REMAINING - 1n), item(lineId, 1n, BOB), item(lineId, 1n)],
    })
    expect(over.overBudget).toBe(true)
    expect(over.lines[0]).toMatchObject({ total: (REMAINING + 1n).toString(), overBy: '1' })
  })

  it('a milestone batch (disbursements.create): at remaining it is stored, one wei over it is refused and nothing is stored', async () => {
    const { db, lineId, call, batchCount } = workspace()
    const over = approvedMilestone(db, lineId, REMAINING + 1n, 'Over')
    const before = batchCount()
    const error = await refusal(
      call('disbursements.create', { title: 'over', source: { kind: 'milestones', milestoneIds: [over] } }),
    )
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/exceeds its budget/)
    expect(error.details?.lines?.[0]).toMatchObject({ overBy: '1', remaining: REMAINING.toString() })
    expect(batchCount()).toBe(before)

    const exact = approvedMilestone(db, lineId, REMAINING, 'Exact')
    const batch: { id: number; status: string } = await call('disbursements.create', {
      title: 'exact',
      source: { kind: 'milestones', milestoneIds: [exact] },
    })
    expect(batch.status).toBe('draft')
    expect(batchCount()).toBe(before + 1)
  })

  it('a CSV batch (disbursements.create): 1 ETH passes, 1.000000000000000001 ETH is refused and nothing is stored', async () => {
    const { lineId, call, batchCount } = workspace()
    const csv = (amount: string) => `token_type,token_address,receiver,amount,id\nnative,,${BOB},${amount},r1\n`
    const before = batchCount()
    const preview: { overBudget: boolean; lines: Array<{ overBy: string }> } = await call('disbursements.preview', {
      source: { kind: 'csv', csv: csv('1.000000000000000001'), budgetLineIds: [lineId] },
    })
    expect(preview.overBudget).toBe(true)
    expect(preview.lines[0].overBy).toBe('1')
    const error = await refusal(
      call('disbursements.create', {
        title: 'over',
        source: { kind: 'csv', csv: csv('1.000000000000000001'), budgetLineIds: [lineId] },
      }),
    )
    expect(error.code).toBe('CONFLICT')
    expect(error.details?.lines?.[0]).toMatchObject({ overBy: '1' })
    expect(batchCount()).toBe(before)
    const batch: { status: string; plan: { items: Array<{ amount: string }> } } = await call('disbursements.create', {
      title: 'exact',
      source: { kind: 'csv', csv: csv('1'), budgetLineIds: [lineId] },
    })
    expect(batch.status).toBe('draft')
    expect(batch.plan.items.map((i) => i.amount)).toEqual([REMAINING.toString()])
    expect(batchCount()).toBe(before + 1)
  })

  it('a scheduled draft: a stipend of remaining + 1 wei is refused (no batch), one of exactly remaining is drafted', async () => {
    const { ctx, lineId, call, batchCount } = workspace()
    const schedule = (name: string, amount: bigint) =>
      call('disbursements.createSchedule', {
        kind: 'monthly',
        name,
        budgetLineId: lineId,
        recipient: BOB,
        amount: amount.toString(),
        dayOfMonth: 1,
        startsOn: '2026-11-15',
      })
    const over: { id: number } = await schedule('over', REMAINING + 1n)
    const before = batchCount()
    const first = draftDueBatches(ctx, '2026-12-01')
    expect(first.drafted).toEqual([])
    expect(first.refused).toEqual([
      { scheduleId: over.id, dueOn: '2026-12-01', reason: expect.stringMatching(/over budget.*over by 1\)/) },
    ])
    expect(batchCount()).toBe(before)

    await call('disbursements.pauseSchedule', { scheduleId: over.id, paused: true, reason: 'too much' })
    const exact: { id: number } = await schedule('exact', REMAINING)
    const second: { drafted: Array<{ scheduleId: number }>; refused: unknown[] } = await call(
      'disbursements.draftDue',
      {
        asOf: '2026-12-01',
      },
    )
    expect(second.refused).toEqual([])
    expect(second.drafted.map((d) => d.scheduleId)).toEqual([exact.id])
    expect(batchCount()).toBe(before + 1)
  })
})

describe('the plan check beyond the budget line (rules a mutant could drop)', () => {
  it('flags a batch against the Safe balance: equal passes, one wei more exceeds; other proposed batches count', () => {
    const { db, lineId } = workspace()
    const balance = 100n * ONE_ETH
    const plan = (amount: bigint, batchId?: number) =>
      checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items: [item(lineId, amount)], batchId })
    // the proposed batch of 7 wei in workspace() is pending: 100 ETH − 7 wei is all that is left
    expect(plan(balance - 7n).tokens[0]).toMatchObject({
      token: 'native',
      symbol: 'ETH',
      total: (balance - 7n).toString(),
      balance: balance.toString(),
      pendingOutflow: '7',
      exceedsBalance: false,
    })
    expect(plan(balance - 6n).tokens[0].exceedsBalance).toBe(true)
    // the pending batch itself, re-checked, does not count against itself
    expect(plan(balance, 1).tokens[0]).toMatchObject({ pendingOutflow: '0', exceedsBalance: false })
    expect(plan(1n).balanceAsOf).toEqual(expect.any(String))
    expect(plan(1n).items.map((i) => i.position)).toEqual([1])
  })

  it('adds a shown batch back when its amounts are already counted (counted: true)', () => {
    const { db, lineId } = workspace()
    const counted = checkPlan(db, {
      chainId: CHAIN,
      safeAddress: SAFE,
      items: [item(lineId, REMAINING + 7n)],
      counted: true,
    })
    // remaining (1 ETH) + its own total: a proposed batch being shown is not over its line by its own amount
    expect(counted.lines[0]).toMatchObject({ remaining: (2n * REMAINING + 7n).toString(), overBy: '0' })
    expect(counted.overBudget).toBe(false)
  })

  it('says which line is over and by how much', () => {
    const { db, lineId } = workspace()
    const plan = checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items: [item(lineId, REMAINING + 5n)] })
    expect(overBudgetMessage(plan)).toBe(
      `2026-Q4 · research · ETH: the batch takes ${REMAINING + 5n} base units, ${REMAINING} remain (over by 5)`,
    )
    expect(plan.lines[0]).toMatchObject({ label: '2026-Q4 · research · ETH', allocated: (ONE_ETH + 7n).toString() })
  })

  it('refuses milestones listed twice, not approved, or already in a batch', async () => {
    const { db, lineId, call } = workspace()
    const m = approvedMilestone(db, lineId, 5n, 'Twice')
    expect(() => itemsFromMilestones(db, CHAIN, [m, m])).toThrow(/listed twice/)
    expect(() => itemsFromMilestones(db, 1, [m])).toThrow(/is on chain 31337/)
    const [item0] = itemsFromMilestones(db, CHAIN, [m])
    expect(item0).toMatchObject({
      budgetLineId: lineId,
      amount: '5',
      receiver: BOB,
      milestoneId: m,
      label: 'Twice: m1',
    })
    await call('disbursements.create', { title: 'first', source: { kind: 'milestones', milestoneIds: [m] } })
    expect(() => itemsFromMilestones(db, CHAIN, [m])).toThrow(/already in batch #\d+/)
  })

  it('refuses a CSV whose lines are unknown, on another chain, doubled per token, or missing for a row', () => {
    const { db, lineId } = workspace()
    const csv = `token_type,token_address,receiver,amount,id\nnative,,${BOB},1,r1\n`
    expect(() => itemsFromCsv(db, CHAIN, csv, [999])).toThrow(/no budget line #999/)
    expect(() => itemsFromCsv(db, 1, csv, [lineId])).toThrow(/is on chain 31337, not 1/)
    const period = insertPeriod(db, { name: '2027-Q1', startsOn: '2027-01-01', endsOn: '2027-03-31' })
    const second = insertLine(db, {
      periodId: period.id,
      category: 'ops',
      chainId: CHAIN,
      token: 'native',
      symbol: 'ETH',
      decimals: 18,
      allocation: 1n,
    })
    expect(() => itemsFromCsv(db, CHAIN, csv, [lineId, second])).toThrow(/one budget line per token/)
    expect(() => itemsFromSource(db, CHAIN, { kind: 'csv', csv: csv + 'bad,row\n', budgetLineIds: [lineId] })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    )
    expect(itemsFromCsv(db, CHAIN, csv, [lineId])).toEqual([
      {
        budgetLineId: lineId,
        token: 'native',
        symbol: 'ETH',
        decimals: 18,
        receiver: BOB,
        amount: ONE_ETH.toString(),
        milestoneId: null,
        grantId: null,
        label: 'r1',
      },
    ])
  })
})

describe('the schedule runner', () => {
  it('checks once a second after start, then every interval, logs what it did, and stops', () => {
    vi.useFakeTimers()
    try {
      const { ctx, lineId } = workspace()
      insertSchedule(ctx.db, {
        kind: 'monthly',
        name: 'stipend',
        chainId: CHAIN,
        safeAddress: SAFE,
        budgetLineId: lineId,
        recipient: BOB,
        amount: '1',
        dayOfMonth: 1,
        startsOn: '2020-01-01',
        endsOn: '2020-02-15',
      })
      const lines: string[] = []
      const stop = startScheduleRunner(ctx, (l) => lines.push(l), 60_000)
      vi.advanceTimersByTime(999)
      expect(lines).toEqual([])
      vi.advanceTimersByTime(1)
      expect(lines).toEqual(['[schedules] drafted 2 batch(es), refused 0'])
      vi.advanceTimersByTime(60_000)
      expect(lines).toHaveLength(1) // nothing new fell due: nothing logged
      stop()
      vi.advanceTimersByTime(10 * 60_000)
      expect(lines).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('what a scheduled draft stores, and what is not a refusal', () => {
  const monthly = (lineId: number, name: string, startsOn: string, endsOn: string, amount = '5') => ({
    kind: 'monthly' as const,
    name,
    chainId: CHAIN,
    safeAddress: SAFE,
    budgetLineId: lineId,
    recipient: BOB,
    amount,
    dayOfMonth: 1,
    startsOn,
    endsOn,
  })
  const batchCount = (db: ReturnType<typeof workspace>['db']) =>
    (db.prepare('SELECT COUNT(*) AS n FROM disbursement_batches').get() as { n: number }).n

  it('a monthly draft: its title, item label, schedule link and its audit event (action, subject, payload)', () => {
    const { ctx, db, lineId } = workspace()
    const scheduleId = insertSchedule(db, monthly(lineId, 'stipend', '2026-11-15', '2026-12-31'))
    const r = draftDueBatches(ctx, '2026-12-01')
    expect(r.refused).toEqual([])
    expect(r.drafted).toEqual([{ scheduleId, batchId: expect.any(Number), dueOn: '2026-12-01' }])
    const batch = getBatch(db, r.drafted[0].batchId)
    expect(batch).toMatchObject({
      title: 'stipend · due 2026-12-01',
      source: 'schedule',
      status: 'draft',
      scheduleId,
      scheduleDueOn: '2026-12-01',
    })
    expect(batch.plan.items).toEqual([
      expect.objectContaining({ budgetLineId: lineId, receiver: BOB, amount: '5', label: 'stipend 2026-12-01' }),
    ])
    const [event] = listAuditEvents(db, { limit: 1 })
    expect(event).toMatchObject({
      action: 'disbursement.drafted',
      subject: `batch:${batch.id}`,
      payload: { scheduleId, dueOn: '2026-12-01', source: 'schedule' },
    })
  })

  it("a milestone schedule's draft pays its approved milestones (not a monthly line item)", () => {
    const { ctx, db, lineId } = workspace()
    const milestoneId = approvedMilestone(db, lineId, 5n, 'Grant A') // due 2026-11-01
    const grantId = getMilestone(db, milestoneId).grantId
    const scheduleId = insertSchedule(db, {
      kind: 'milestones',
      name: 'grant A',
      chainId: CHAIN,
      safeAddress: SAFE,
      grantId,
    })
    const r = draftDueBatches(ctx, '2026-12-01')
    expect(r.refused).toEqual([])
    expect(r.drafted).toEqual([{ scheduleId, batchId: expect.any(Number), dueOn: '2026-11-01' }])
    expect(getBatch(db, r.drafted[0].batchId).plan.items).toEqual([
      expect.objectContaining({
        budgetLineId: lineId,
        receiver: BOB,
        amount: '5',
        milestoneId,
        grantId,
        label: 'Grant A: m1',
      }),
    ])
  })

  it('an unexpected error (a corrupt stored amount) is thrown, not reported as a budget refusal, and stores nothing', () => {
    const { ctx, db, lineId } = workspace()
    const scheduleId = insertSchedule(db, monthly(lineId, 'stipend', '2026-11-15', '2026-12-31'))
    db.prepare("UPDATE disbursement_schedules SET amount = '1.5' WHERE id = ?").run(scheduleId)
    const before = batchCount(db)
    expect(() => draftDueBatches(ctx, '2026-12-01')).toThrow(SyntaxError)
    expect(batchCount(db)).toBe(before)
  })

  it('the runner: hourly by default, logs a failed check by its first line, and after stop() drafts nothing', () => {
    vi.useFakeTimers()
    try {
      const { ctx, db, lineId } = workspace()
      insertSchedule(db, monthly(lineId, 'a', '2020-01-01', '2020-02-15')) // due 2020-01-01 and 2020-02-01
      const lines: string[] = []
      const stop = startScheduleRunner(ctx, (l) => lines.push(l))
      vi.advanceTimersByTime(999)
      expect(lines).toEqual([])
      vi.advanceTimersByTime(1) // t = 1 s: the first check
      expect(lines).toEqual(['[schedules] drafted 2 batch(es), refused 0'])

      insertSchedule(db, monthly(lineId, 'b', '2020-02-20', '2020-03-15')) // due 2020-03-01
      vi.advanceTimersByTime(60 * 60 * 1000 - 1001) // t = 1 h − 1 ms: no check since the first
      expect(lines).toHaveLength(1)
      vi.advanceTimersByTime(1) // t = 1 h: the interval's first check
      expect(lines).toEqual([
        '[schedules] drafted 2 batch(es), refused 0',
        '[schedules] drafted 1 batch(es), refused 0',
      ])

      const broken = insertSchedule(db, monthly(lineId, 'c', '2020-02-20', '2020-03-15'))
      db.prepare("UPDATE disbursement_schedules SET amount = '1.5' WHERE id = ?").run(broken)
      vi.advanceTimersByTime(60 * 60 * 1000) // t = 2 h
      expect(lines[2]).toBe('[schedules] check failed: Cannot convert 1.5 to a BigInt')
      expect(lines).toHaveLength(3)

      stop()
      db.prepare("UPDATE disbursement_schedules SET amount = '1' WHERE id = ?").run(broken) // now it could draft
      const before = batchCount(db)
      vi.advanceTimersByTime(10 * 60 * 60 * 1000)
      expect(lines).toHaveLength(3)
      expect(batchCount(db)).toBe(before)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('plan refusals: their codes, details and exact wording', () => {
  it('milestones: listed twice (BAD_INPUT), grant or milestone not approved, in another batch (CONFLICT + details)', async () => {
    const { db, lineId, call } = workspace()
    const m = approvedMilestone(db, lineId, 5n, 'Paid')
    expect(() => itemsFromMilestones(db, CHAIN, [m, m])).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: 'A milestone is listed twice in this batch.' }),
    )
    expect(() => itemsFromMilestones(db, 1, [m])).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'The budget line of "Paid" is on chain 31337.' }),
    )

    const programId = insertProgram(db, {
      name: 'Open',
      category: 'research',
      description: '',
      budgetLineId: lineId,
      criteria: [{ label: 'impact', weight: 1 }],
    })
    const application = (title: string) =>
      insertApplication(db, {
        programId,
        title,
        applicant: 'a team',
        recipient: BOB,
        milestones: [{ title: 'm1', amount: '5', dueOn: '2026-11-01' }],
      })
    const applied = application('Applied')
    expect(() => itemsFromMilestones(db, CHAIN, [getGrant(db, applied).milestones[0].id])).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'Grant "Applied" is applied, not approved.' }),
    )
    const submittedGrant = application('Submitted')
    const criterion = programCriteria(db, programId)[0]
    insertEvaluation(db, {
      grantId: submittedGrant,
      evaluator: ALICE,
      scores: [{ criterionId: criterion.id, score: 5 }],
      comment: '',
    })
    recordDecision(db, { grantId: submittedGrant, decision: 'approve', reason: 'good', decidedBy: ALICE })
    const submitted = getGrant(db, submittedGrant).milestones[0].id
    moveMilestone(db, { milestoneId: submitted, action: 'submit' })
    expect(() => itemsFromMilestones(db, CHAIN, [submitted])).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'Milestone "m1" of "Submitted" is submitted; only approved milestones are paid.',
        details: { milestoneId: submitted, status: 'submitted' },
      }),
    )

    const batch: { id: number } = await call('disbursements.create', {
      title: 'first',
      source: { kind: 'milestones', milestoneIds: [m] },
    })
    expect(() => itemsFromMilestones(db, CHAIN, [m])).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: `Milestone "m1" is already in batch #${batch.id}.`,
        details: { milestoneId: m, batchId: batch.id },
      }),
    )
    // the batch that holds it may list it again (editing its own batch)
    expect(itemsFromMilestones(db, CHAIN, [m], batch.id).map((i) => i.milestoneId)).toEqual([m])
  })

  // distinct receivers: the same receiver twice is refused as a duplicate row, before lines are looked at
  const receiver = (i: number) => getAddress('0x' + (0xb0b0 + i).toString(16).padStart(40, '0'))
  it('CSV: unknown line (NOT_FOUND), other chain (CONFLICT), two per token (BAD_INPUT), rows without a line (BAD_INPUT, first 20)', () => {
    const { db, lineId } = workspace()
    const rows = (n: number) =>
      'token_type,token_address,receiver,amount,id\n' +
      Array.from({ length: n }, (_, i) => `native,,${receiver(i)},1,r${i + 1}\n`).join('')
    expect(() => itemsFromCsv(db, CHAIN, rows(1), [999])).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'There is no budget line #999.' }),
    )
    expect(() => itemsFromCsv(db, 1, rows(1), [lineId])).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'Budget line 2026-Q4 · research · ETH is on chain 31337, not 1.',
      }),
    )
    const period = insertPeriod(db, { name: '2027-Q1', startsOn: '2027-01-01', endsOn: '2027-03-31' })
    const second = insertLine(db, {
      periodId: period.id,
      category: 'ops',
      chainId: CHAIN,
      token: 'native',
      symbol: 'ETH',
      decimals: 18,
      allocation: 1n,
    })
    expect(() => itemsFromCsv(db, CHAIN, rows(1), [lineId, second])).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: 'Choose one budget line per token: two are in ETH.' }),
    )
    let refused: unknown
    try {
      itemsFromSource(db, CHAIN, { kind: 'csv', csv: rows(21), budgetLineIds: [] })
    } catch (error) {
      refused = error
    }
    const problems = Array.from({ length: 20 }, (_, i) => ({
      row: i + 2, // row 1 is the header
      reason: 'no budget line was chosen for ETH',
    }))
    expect(refused).toMatchObject({ code: 'BAD_INPUT', details: { problems } })
    expect((refused as { details: { problems: unknown[] } }).details.problems).toHaveLength(20)
  })
})

describe('the plan check with several lines, an ERC-20 token and Safes without a snapshot', () => {
  const USDC = getAddress('0x' + 'c0ffee'.padEnd(40, '1'))
  const OTHER = getAddress('0x' + 'bad'.padEnd(40, '2'))
  const E6 = 10n ** 6n

  /** The workspace plus a USDC token, its budget line, and a second ETH line in a later period (listed first). */
  function twoLines() {
    const w = workspace()
    const { db } = w
    saveToken(db, { chainId: CHAIN, address: USDC, symbol: 'USDC', name: 'USD Coin', decimals: 6 })
    const q4 = getLine(db, w.lineId).periodId
    const usdcLine = insertLine(db, {
      periodId: q4,
      category: 'research',
      chainId: CHAIN,
      token: USDC,
      symbol: 'USDC',
      decimals: 6,
      allocation: 100n * E6,
    })
    const later = insertPeriod(db, { name: '2027-Q1', startsOn: '2027-01-01', endsOn: '2027-03-31' })
    const laterLine = insertLine(db, {
      periodId: later.id,
      category: 'ops',
      chainId: CHAIN,
      token: 'native',
      symbol: 'ETH',
      decimals: 18,
      allocation: 10n,
    })
    return { ...w, usdcLine, laterLine }
  }

  it("a milestone is checked against its own program's line, not the first line listed", () => {
    const { db, lineId } = workspace()
    // A later period's line (listed before 2026-Q4's) on another chain: the milestone's line is still on CHAIN.
    const later = insertPeriod(db, { name: '2027-Q1', startsOn: '2027-01-01', endsOn: '2027-03-31' })
    insertLine(db, {
      periodId: later.id,
      category: 'ops',
      chainId: 1,
      token: 'native',
      symbol: 'ETH',
      decimals: 18,
      allocation: 1n,
    })
    const m = approvedMilestone(db, lineId, 5n, 'Own line')
    expect(itemsFromMilestones(db, CHAIN, [m])).toEqual([expect.objectContaining({ budgetLineId: lineId })])
  })

  it('a CSV naming one known and one unknown line is refused for the unknown one', () => {
    const { db, lineId } = workspace()
    const csv = `token_type,token_address,receiver,amount,id\nnative,,${BOB},1,r1\n`
    expect(() => itemsFromCsv(db, CHAIN, csv, [lineId, 999])).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'There is no budget line #999.' }),
    )
  })

  it("an ERC-20 row is charged to its token's line and checked against that token's balance (any address case)", () => {
    const { db, lineId, usdcLine } = twoLines()
    // Balances in an order where "the first entry" is never the right answer: another token, ETH, then USDC.
    const snapshot = getSafe(db, CHAIN, SAFE)!.snapshot!
    saveSnapshot(db, {
      ...snapshot,
      balances: [
        { symbol: 'OTHER', address: OTHER, decimals: 18, balance: '1' },
        { symbol: 'ETH', address: null, decimals: 18, balance: (100n * ONE_ETH).toString() },
        { symbol: 'USDC', address: USDC, decimals: 6, balance: (3n * E6).toString() },
      ],
    })
    const csv =
      'token_type,token_address,receiver,amount,id\n' +
      `erc20,${USDC.toLowerCase()},${BOB},2.5,u1\n` +
      `native,,${BOB},0.5,e1\n`
    const items = itemsFromCsv(db, CHAIN, csv, [lineId, usdcLine])
    expect(items).toEqual([
      expect.objectContaining({ budgetLineId: usdcLine, token: USDC, symbol: 'USDC', decimals: 6, amount: '2500000' }),
      expect.objectContaining({
        budgetLineId: lineId,
        token: 'native',
        symbol: 'ETH',
        amount: (ONE_ETH / 2n).toString(),
      }),
    ])
    const plan = checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items })
    expect(plan.tokens).toEqual([
      expect.objectContaining({ token: USDC, total: '2500000', balance: (3n * E6).toString(), exceedsBalance: false }),
      expect.objectContaining({ token: 'native', balance: (100n * ONE_ETH).toString(), exceedsBalance: false }),
    ])
    const tooMuch = checkPlan(db, {
      chainId: CHAIN,
      safeAddress: SAFE,
      items: [{ ...items[0], amount: (3n * E6 + 1n).toString() }],
    })
    expect(tooMuch.tokens[0]).toMatchObject({ balance: (3n * E6).toString(), exceedsBalance: true })
  })

  it('a token the Safe snapshot does not list has no balance (null), and is never "exceeds"', () => {
    const { db, usdcLine } = twoLines() // the snapshot lists ETH only
    const usdc = { ...item(usdcLine, 5n), token: USDC, symbol: 'USDC', decimals: 6 }
    const plan = checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items: [usdc] })
    expect(plan.tokens).toEqual([expect.objectContaining({ token: USDC, balance: null, exceedsBalance: false })])
    expect(plan.balanceAsOf).toEqual(expect.any(String))
  })

  it('itemsFromSource passes refusals through with their own code (only a CSV problem list becomes BAD_INPUT)', () => {
    const { db, lineId } = workspace()
    const csv = `token_type,token_address,receiver,amount,id\nnative,,${BOB},1,r1\n`
    expect(() => itemsFromSource(db, CHAIN, { kind: 'csv', csv, budgetLineIds: [999] })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: 'There is no budget line #999.' }),
    )
    const m = approvedMilestone(db, lineId, 5n, 'Elsewhere')
    expect(() => itemsFromSource(db, 1, { kind: 'milestones', milestoneIds: [m] })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    )
  })

  it('only the lines a batch uses are checked; other lines of the workspace are not listed', () => {
    const { db, lineId } = twoLines()
    const plan = checkPlan(db, { chainId: CHAIN, safeAddress: SAFE, items: [item(lineId, 1n)] })
    expect(plan.lines.map((l) => l.budgetLineId)).toEqual([lineId])
  })

  it('one line over and one not: the batch is over budget and the message names only the line that is over', () => {
    const { db, lineId, laterLine } = twoLines()
    const oneOver = checkPlan(db, {
      chainId: CHAIN,
      safeAddress: SAFE,
      items: [item(lineId, REMAINING), item(laterLine, 11n, BOB)],
    })
    expect(oneOver.overBudget).toBe(true)
    expect(oneOver.lines.map((l) => [l.budgetLineId, l.overBy])).toEqual(
      expect.arrayContaining([
        [lineId, '0'],
        [laterLine, '1'],
      ]),
    )
    expect(overBudgetMessage(oneOver)).toBe('2027-Q1 · ops · ETH: the batch takes 11 base units, 10 remain (over by 1)')
    const bothOver = checkPlan(db, {
      chainId: CHAIN,
      safeAddress: SAFE,
      items: [item(lineId, REMAINING + 2n), item(laterLine, 12n, BOB)],
    })
    expect(overBudgetMessage(bothOver).split('; ').sort()).toEqual([
      `2026-Q4 · research · ETH: the batch takes ${REMAINING + 2n} base units, ${REMAINING} remain (over by 2)`,
      '2027-Q1 · ops · ETH: the batch takes 12 base units, 10 remain (over by 2)',
    ])
  })

  it('a Safe with no snapshot yet (added, or never added): no balance, no "as of", never "exceeds"', () => {
    const { db, lineId } = workspace()
    const FRESH = getAddress('0x' + 'fe'.repeat(20))
    insertSafe(db, CHAIN, FRESH, 'Fresh')
    for (const safeAddress of [FRESH, getAddress('0x' + 'ab'.repeat(20))]) {
      const plan = checkPlan(db, { chainId: CHAIN, safeAddress, items: [item(lineId, 5n)] })
      expect(plan.balanceAsOf).toBeNull()
      expect(plan.tokens).toEqual([expect.objectContaining({ balance: null, exceedsBalance: false })])
    }
  })

  it("pending outflows add up every proposed item of a token, whatever its address's case", () => {
    const { db, lineId, usdcLine } = twoLines()
    const proposed = (items: ReturnType<typeof item>[], n: number) => {
      const id = insertBatch(db, { title: `p${n}`, source: 'csv', chainId: CHAIN, safeAddress: SAFE, items })
      markProposed(db, id, {
        safeTx: plainSafeTx({ to: BOB, value: '0', data: '0x', operation: 0, nonce: String(n) }),
        safeTxHash: '0x' + String(n).padStart(2, '0').repeat(32),
        nonce: n,
      })
    }
    const usdc = (amount: bigint, token: string) => ({ ...item(usdcLine, amount), token, symbol: 'USDC', decimals: 6 })
    // workspace() already proposed 7 wei of ETH; two more ETH items and two USDC items spelled differently
    proposed([item(lineId, 3n), item(lineId, 4n, BOB), usdc(5n, USDC)], 1)
    proposed([usdc(6n, USDC.toLowerCase())], 2)
    const pending = pendingOutflows(db, CHAIN, SAFE)
    expect(Object.fromEntries(pending)).toEqual({ native: 14n, [USDC.toLowerCase()]: 11n })
  })
})
