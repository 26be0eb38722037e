import { describe, expect, it } from 'vitest'
import { Wallet, getAddress } from 'ethers'
import { openDatabase } from '../db/open'
import { saveChain } from '../chain/store'
import { insertSafe, saveSnapshot } from '../safe/store'
import { approvedHashSignature, signSafeTx } from '../signing/safe-tx'
import { buildRejection, buildTransactions } from './build'
import {
  addProposalSignature,
  createProposal,
  proposalDetail,
  recordExecution,
  refreshReadiness,
  submitProposal,
  suggestNonce,
} from './lifecycle'

const SAFE = getAddress('0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238')
const keys = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()]
const owners = keys.map((k) => k.address)

function workspace(nonce = 3) {
  const db = openDatabase(':memory:')
  saveChain(db, { chainId: 31337, name: 't', rpcUrl: 'http://127.0.0.1:9', isSandbox: true, contractNetwork: null })
  insertSafe(db, 31337, SAFE, 'T')
  saveSnapshot(db, {
    chainId: 31337,
    address: SAFE,
    label: 'T',
    version: '1.4.1',
    owners,
    threshold: 2,
    nonce,
    modules: [],
    guard: null,
    fallbackHandler: null,
    balances: [],
    asOf: new Date().toISOString(),
    stale: false,
  })
  return db
}

const ctx = {
  chainId: 31337,
  safe: SAFE,
  multiSend: SAFE,
  multiSendCallOnly: SAFE,
  tokens: new Map(),
  owners,
  threshold: 2,
  native: { symbol: 'ETH', decimals: 18 },
}
const pay = (amount: string) => buildTransactions([{ type: 'eth_transfer', to: owners[0], amount }], ctx)
const create = (db: ReturnType<typeof workspace>, amount: string, nonce: number, draft = false) =>
  createProposal(db, {
    chainId: 31337,
    safe: SAFE,
    built: pay(amount),
    nonce,
    title: `Pay ${amount}`,
    proposer: 'me',
    draft,
  })

describe('proposal lifecycle (no chain)', () => {
  it('suggests the nonce after the highest open proposal, never below the Safe', () => {
    const db = workspace(3)
    expect(suggestNonce(db, 31337, SAFE, 3)).toBe(3)
    create(db, '1', 3)
    create(db, '2', 5)
    expect(suggestNonce(db, 31337, SAFE, 3)).toBe(6)
    expect(() => create(db, '3', 2)).toThrow(/already used on chain/)
    expect(() => create(db, '1', 3)).toThrow(/already proposal #1/)
  })

  it('counts owner signatures to the threshold, refuses strangers and file-borne approvals', async () => {
    const db = workspace()
    const p = create(db, '1', 3)
    const sig = (i: number) => signSafeTx(keys[i], 31337, SAFE, p.safeTx)
    expect(addProposalSignature(db, p.id, { signature: await sig(0), source: 'bundle' })).toMatchObject({
      added: true,
      status: 'awaiting_signatures',
    })
    expect(addProposalSignature(db, p.id, { signature: await sig(0), source: 'bundle' }).added).toBe(false)
    const stranger = await signSafeTx(Wallet.createRandom(), 31337, SAFE, p.safeTx)
    expect(() => addProposalSignature(db, p.id, { signature: stranger, source: 'bundle' })).toThrow(/not an owner/)
    expect(() =>
      addProposalSignature(db, p.id, { signature: approvedHashSignature(owners[1]), source: 'bundle' }),
    ).toThrow(/read back from the chain/)
    expect(
      addProposalSignature(db, p.id, { signature: approvedHashSignature(owners[1]), source: 'onchain' }).status,
    ).toBe('ready')
    // The threshold rises to 3 (an owner change executed): ready goes back to awaiting.
    expect(refreshReadiness(db, p.id, owners, 3)).toBe('awaiting_signatures')
    // An owner removed: their signature no longer counts.
    expect(refreshReadiness(db, p.id, [owners[0], owners[2]], 2)).toBe('awaiting_signatures')
    expect(proposalDetail(db, p.id).signatures.map((s) => s.isOwner)).toEqual([true, true])
  })

  it('drafts take no signatures; executing one proposal replaces the others on its nonce', async () => {
    const db = workspace()
    const draft = create(db, '1', 3, true)
    await expect(async () =>
      addProposalSignature(db, draft.id, {
        signature: await signSafeTx(keys[0], 31337, SAFE, draft.safeTx),
        source: 'bundle',
      }),
    ).rejects.toThrow(/draft/)
    submitProposal(db, draft.id)
    const other = create(db, '2', 3)
    const rejection = createProposal(db, {
      chainId: 31337,
      safe: SAFE,
      built: buildRejection(SAFE, 3),
      nonce: 3,
      title: 'Reject',
      proposer: 'me',
      rejectsId: draft.id,
    })
    expect(proposalDetail(db, draft.id)).toMatchObject({ conflicts: 2, can: { reject: false } })
    const replaced = recordExecution(db, rejection.id, {
      txHash: '0x' + '1'.repeat(64),
      blockNumber: 9,
      gasUsed: '50000',
      outcome: 'success',
      executor: owners[0],
      origin: 'app',
      at: new Date().toISOString(),
    })
    expect(replaced.sort()).toEqual([draft.id, other.id].sort())
    expect(proposalDetail(db, draft.id)).toMatchObject({
      status: 'replaced',
      replacedBy: rejection.id,
      replacedByRejection: true,
    })
    expect(proposalDetail(db, rejection.id)).toMatchObject({
      status: 'executed',
      can: { execute: false, cancel: false },
    })
  })
})
