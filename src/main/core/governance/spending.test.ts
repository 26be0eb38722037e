import { describe, expect, it } from 'vitest'
import { Interface, Wallet, ZeroAddress } from 'ethers'
import { draftReadiness, matchesSpending, spendingCalls, spendingDraftFor, spendingSafeTx } from './spending'
import type { ProposalRecord } from './store'
import { DEFAULT_RULES } from './types'
import { openDatabase } from '../db/open'
import { assertNoOpenDispute, insertDispute, openDisputes, resolveDispute, DisputeBlockedError } from './disputes'
import { concentration } from './participation'

const SAFE = Wallet.createRandom().address
const TOKEN = Wallet.createRandom().address
const R1 = Wallet.createRandom().address
const R2 = Wallet.createRandom().address
const MULTI = Wallet.createRandom().address
const MULTI_CALL_ONLY = Wallet.createRandom().address

const record = (over: Partial<ProposalRecord> = {}): ProposalRecord => ({
  id: '0x' + '12'.repeat(32),
  chainId: 31337,
  token: TOKEN,
  kind: 'treasury_spending',
  title: 'Pay the auditors',
  body: '',
  proposer: R1,
  content: '{}',
  createdBlock: 1,
  snapshotBlock: 2,
  endBlock: 3,
  rules: DEFAULT_RULES.treasury_spending,
  spending: { safe: SAFE, transfers: [{ recipient: R1, token: TOKEN, amount: 5n }] },
  totalSupply: 100n,
  queuedAt: 10,
  eta: 100,
  canceled: null,
  implemented: null,
  safeLink: null,
  execution: null,
  createdAt: 'x',
  ...over,
})
const now = { block: 50, timestamp: 100 }

describe('spending drafts', () => {
  it('are ready only for a queued treasury-spending proposal past its ETA, undisputed and not yet drafted', () => {
    expect(draftReadiness(record(), 'Queued', now, 0)).toEqual({ ready: true })
    expect(draftReadiness(record(), 'Queued', { ...now, timestamp: 99 }, 0)).toMatchObject({ reason: /timelock/ })
    expect(draftReadiness(record(), 'Succeeded', now, 0)).toMatchObject({ reason: /Succeeded/ })
    expect(draftReadiness(record(), 'Queued', now, 1)).toMatchObject({ reason: /dispute/ })
    expect(draftReadiness(record({ kind: 'policy', spending: null }), 'Queued', now, 0)).toMatchObject({
      reason: /not a treasury-spending/,
    })
    const linked = record({
      safeLink: { safeProposalId: null, safeTxHash: '0xab', nonce: 0, safeTx: {} as never },
    })
    expect(draftReadiness(linked, 'Queued', now, 0)).toMatchObject({ reason: /already drafted/ })
    expect(() => spendingDraftFor(record(), 'Expired', now, 0)).toThrow(/cannot be drafted/)
  })

  it('turn token and native transfers into calls, and several into one MultiSendCallOnly SafeTx', () => {
    const p = record({
      spending: {
        safe: SAFE,
        transfers: [
          { recipient: R1, token: TOKEN, amount: 5n },
          { recipient: R2, token: null, amount: 7n },
        ],
      },
    })
    const calls = spendingCalls(p)
    const erc20 = new Interface(['function transfer(address,uint256)'])
    expect(calls[0]).toEqual({
      to: TOKEN,
      value: '0',
      data: erc20.encodeFunctionData('transfer', [R1, 5n]),
      operation: 0,
    })
    expect(calls[1]).toEqual({ to: R2, value: '7', data: '0x', operation: 0 })
    const draft = spendingDraftFor(p, 'Queued', now, 0)
    expect(draft.transactions).toEqual(calls)
    const batch = spendingSafeTx(draft, 4, MULTI_CALL_ONLY)
    expect(batch).toMatchObject({ to: MULTI_CALL_ONLY, operation: 1, value: '0', nonce: '4', gasPrice: '0' })
    expect(matchesSpending(batch, calls, { multiSendCallOnly: MULTI_CALL_ONLY })).toEqual({ ok: true })
    expect(matchesSpending(batch, calls, { multiSend: MULTI })).toMatchObject({ ok: false })
    expect(matchesSpending(batch, [calls[1], calls[0]], { multiSendCallOnly: MULTI_CALL_ONLY })).toMatchObject({
      reason: /exactly the approved/,
    })
    expect(matchesSpending(batch, calls.slice(0, 1), { multiSendCallOnly: MULTI_CALL_ONLY }).ok).toBe(false)
  })

  it('match a single transfer only when the SafeTx makes exactly it, with no gas refund', () => {
    const p = record()
    const calls = spendingCalls(p)
    const tx = spendingSafeTx(spendingDraftFor(p, 'Queued', now, 0), 0, MULTI_CALL_ONLY)
    expect(tx).toMatchObject({ to: TOKEN, operation: 0, gasToken: ZeroAddress })
    expect(matchesSpending(tx, calls, {})).toEqual({ ok: true })
    expect(matchesSpending({ ...tx, value: '1' }, calls, {}).ok).toBe(false)
    expect(matchesSpending({ ...tx, data: '0x' }, calls, {}).ok).toBe(false)
    expect(matchesSpending({ ...tx, gasPrice: '1' }, calls, {})).toMatchObject({ reason: /refund/ })
    expect(matchesSpending({ ...tx, operation: 1 }, calls, {}).ok).toBe(false)
  })
})

describe('disputes', () => {
  it('block what they name while open, and stop blocking once resolved', () => {
    const db = openDatabase(':memory:')
    const d = insertDispute(db, {
      subjectKind: 'disbursement',
      subjectRef: '0xsafe-tx',
      raisedBy: 'Dana',
      reason: 'Wrong recipient',
      raisedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(d).toMatchObject({ id: 1, status: 'open', uid: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    expect(() => assertNoOpenDispute(db, 'disbursement', '0xsafe-tx', 'sign it')).toThrow(DisputeBlockedError)
    expect(() => assertNoOpenDispute(db, 'disbursement', 'other', 'sign it')).not.toThrow()
    resolveDispute(db, d.id, { outcome: 'dismissed', decision: 'checked', by: R1, at: 'now', signature: '0x' })
    expect(openDisputes(db, 'disbursement', '0xsafe-tx')).toEqual([])
    expect(() =>
      resolveDispute(db, d.id, { outcome: 'upheld', decision: 'again', by: R1, at: 'now', signature: '0x' }),
    ).toThrow(/not open/)
  })
})

describe('delegation concentration', () => {
  it('gives top shares and the fewest delegates holding a majority', () => {
    const s = (votes: bigint) => ({ delegate: Wallet.createRandom().address, votes, delegators: 1 })
    expect(concentration([s(50n), s(30n), s(20n)])).toEqual({
      totalDelegated: '100',
      top1Bps: 5000,
      top5Bps: 10000,
      nakamoto: 2, // 50 is not more than half
    })
    expect(concentration([s(60n), s(40n)]).nakamoto).toBe(1)
    expect(concentration([])).toEqual({ totalDelegated: '0', top1Bps: null, top5Bps: null, nakamoto: null })
  })
})
