import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { appendAuditEvent } from '../audit'
import { createContext } from '../workspace/context'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { treasuryActivityRows } from './activity'

/*
 * Governance executions in the audit CSV (the sandbox integration test, test/integration/audit-activity.test.ts,
 * covers proposals, batches and grants): a treasury-spending proposal's events carry its Safe transaction, its
 * transfers (several tokens listed in order, amounts exact above 2^53) and its proposer.
 */

const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const PROPOSER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const R1 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const R2 = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
const ID = '0x' + '11'.repeat(32)
const SAFE_TX_HASH = '0x' + '22'.repeat(32)
const EXEC_TX = '0x' + '33'.repeat(32)

describe('audit CSV: governance execution rows', () => {
  it('fill title, proposer, recipients, tokens, exact amounts, Safe transaction and execution', () => {
    const db = openDatabase(':memory:')
    const ctx = createContext(db, 'cli', 'test')
    ctx.mutate({ actor: 'tester', action: 'chain.connected', subject: 'chain:31337' }, () => {
      saveChain(db, { chainId: 31337, name: 't', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
      saveToken(db, { chainId: 31337, address: TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 })
    })
    const spending = {
      safe: SAFE,
      transfers: [
        { recipient: R1, token: TOKEN, amount: '296497184744719253504' },
        { recipient: R2, token: null, amount: '1' },
      ],
    }
    db.prepare(
      `INSERT INTO governance_proposals (id, chain_id, token, kind, title, body, proposer, content, created_block,
         snapshot_block, end_block, voting_delay_blocks, voting_period_blocks, quorum_bps, pass_threshold_bps,
         timelock_seconds, grace_period_seconds, spending, safe_tx_hash, safe_nonce, execution_tx_hash, executed_at,
         created_at)
       VALUES (?, 31337, ?, 'treasury_spending', 'Fund the audit', '', ?, '{}', 1, 2, 3, 1, 1, 100, 5000, 0, 10, ?, ?, 4,
         ?, 5, '2026-01-01T00:00:00.000Z')`,
    ).run(ID, TOKEN, PROPOSER, JSON.stringify(spending), SAFE_TX_HASH, EXEC_TX)
    appendAuditEvent(db, {
      actor: 'local-user',
      action: 'governance.proposal.queued',
      subject: `governance-proposal:${ID}`,
      payload: { eta: 5 },
    })
    const rows = [...treasuryActivityRows(db, { firstSeq: 1, lastSeq: 2 })]
    expect(rows[1]).toMatchObject({
      chainId: '31337',
      safe: SAFE,
      from: SAFE,
      proposalTitle: 'Fund the audit',
      proposer: PROPOSER,
      category: 'treasury_spending',
      to: `${R1};${R2}`,
      tokenSymbol: 'AITBC;ETH',
      tokenAddress: `${TOKEN};`,
      amountBaseUnits: '296497184744719253504;1',
      amount: '296.497184744719253504;0.000000000000000001',
      decimals: '18;18',
      safeTxHash: SAFE_TX_HASH,
      nonce: '4',
      txHash: EXEC_TX,
    })
  })
})
