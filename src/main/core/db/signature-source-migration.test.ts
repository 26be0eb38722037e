import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { Wallet, getAddress } from 'ethers'
import { migrate } from './open'
import { migrations } from './migrations'
import { saveChain } from '../chain/store'
import { insertSafe, saveSnapshot } from '../safe/store'
import { appendAuditEvent } from '../audit/log'
import { buildTransactions } from '../proposals/build'
import { addProposalSignature, createProposal, proposalDetail } from '../proposals/lifecycle'
import { signSafeTx } from '../signing/safe-tx'

const SAFE = getAddress('0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238')
const keys = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()]
const owners = keys.map((k) => k.address)

/**
 * Migration 0022: confirmations pulled from the Transaction Service before it were stored as 'bundle'; their own
 * audit event (source 'txservice') gives them back their source, and a file-imported signature stays 'bundle'.
 */
describe('migration 0022: the txservice signature source', () => {
  it('restores the source of pulled confirmations from their audit events and keeps every other row as it was', async () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    const before = migrations.findIndex((m) => m.includes('proposal_signatures_next'))
    expect(before).toBeGreaterThan(0)
    migrate(db, migrations.slice(0, before))

    saveChain(db, { chainId: 31337, name: 't', rpcUrl: 'http://127.0.0.1:9', isSandbox: true, contractNetwork: null })
    insertSafe(db, 31337, SAFE, 'T')
    saveSnapshot(db, {
      ...{ chainId: 31337, address: SAFE, label: 'T', version: '1.4.1', owners, threshold: 3, nonce: 0 },
      ...{
        modules: [],
        guard: null,
        fallbackHandler: null,
        balances: [],
        asOf: new Date().toISOString(),
        stale: false,
      },
    })
    const built = buildTransactions([{ type: 'eth_transfer', to: owners[0], amount: '1' }], {
      ...{ chainId: 31337, safe: SAFE, multiSend: SAFE, multiSendCallOnly: SAFE, tokens: new Map(), owners },
      ...{ threshold: 3, native: { symbol: 'ETH', decimals: 18 } },
    })
    const p = createProposal(db, { chainId: 31337, safe: SAFE, built, nonce: 0, title: 'Pay', proposer: 'me' })
    const sign = (i: number) => signSafeTx(keys[i], 31337, SAFE, p.safeTx)
    // Owner 0 signed here, owner 1 came in a file, owner 2 was pulled from the service (stored as 'bundle' then).
    addProposalSignature(db, p.id, { signature: await sign(0), source: 'local' })
    addProposalSignature(db, p.id, { signature: await sign(1), source: 'bundle' })
    addProposalSignature(db, p.id, { signature: await sign(2), source: 'bundle' })
    const event = (signer: string, source: string) =>
      appendAuditEvent(db, {
        actor: signer,
        action: 'proposal.signature_added',
        subject: `proposal:${p.id}`,
        payload: { signer, source, safeTxHash: p.safeTxHash, status: 'awaiting_signatures' },
      })
    event(owners[1], 'bundle')
    event(owners[2], 'txservice')
    // A later repeat through the service does not change where the first copy came from.
    appendAuditEvent(db, {
      actor: owners[1],
      action: 'proposal.signature_repeated',
      subject: `proposal:${p.id}`,
      payload: { signer: owners[1], source: 'txservice', safeTxHash: p.safeTxHash, status: 'ready' },
    })
    const rowsBefore = db.prepare('SELECT * FROM proposal_signatures ORDER BY signer').all() as Array<{
      signer: string
      source: string
    }>

    migrate(db, migrations)
    const rowsAfter = db.prepare('SELECT * FROM proposal_signatures ORDER BY signer').all() as typeof rowsBefore
    const sourceOf = Object.fromEntries(rowsAfter.map((r) => [r.signer, r.source]))
    expect(sourceOf).toEqual({ [owners[0]]: 'local', [owners[1]]: 'bundle', [owners[2]]: 'txservice' })
    // Every other column unchanged, and the index is back.
    expect(rowsAfter.map((r) => ({ ...r, source: '' }))).toEqual(rowsBefore.map((r) => ({ ...r, source: '' })))
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'proposal_signatures_signer'").get()).toBeTruthy()
    expect(proposalDetail(db, p.id).signatures.find((s) => s.signer === owners[2])?.source).toBe('txservice')
    // The new source is accepted; anything else still refused by the CHECK.
    expect(() =>
      db.prepare("UPDATE proposal_signatures SET source = 'elsewhere' WHERE signer = ?").run(owners[0]),
    ).toThrow(/CHECK/)
    db.close()
  })
})
