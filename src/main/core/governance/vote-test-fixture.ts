// Shared by the governance store's tests (vote-page.test.ts, votes.test.ts) and bench/vote-page-depth.ts: a workspace
// with one prepared proposal, and the stored votes they write into it. Nothing in the app imports it.
import canonicalize from 'canonicalize'
import { Wallet } from 'ethers'
import { openDatabase, type Db } from '../db/open'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { prepareProposal, type GovEnv } from './proposals'
import { insertProposal, type StoredVote } from './store'

export const TEST_TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
export const testChain = {
  chainId: 31337,
  name: 'test',
  rpcUrl: 'http://127.0.0.1:9',
  isSandbox: true,
  contractNetwork: null,
}
export const testToken = { chainId: 31337, address: TEST_TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 }

/** The test chain and token saved in `db`, and one technical proposal prepared at block 100 (timestamp 1,000). */
export function workspaceWithProposal(db: Db = openDatabase(':memory:')) {
  saveChain(db, testChain)
  saveToken(db, testToken)
  const env: GovEnv = { db, chain: testChain, token: testToken }
  const prepared = prepareProposal(
    env,
    { kind: 'technical', title: 'Upgrade', body: '', proposer: Wallet.createRandom().address },
    { block: 100, timestamp: 1_000 },
  )
  insertProposal(db, { ...prepared.content, id: prepared.id, content: canonicalize(prepared.content)! })
  return {
    db,
    env,
    id: prepared.id,
    snapshot: prepared.content.snapshotBlock,
    end: prepared.content.endBlock,
  }
}

/** A vote as insertVotes stores it; reason, signature and import time are ones the store's tests do not look at. */
export function storedVote(
  proposalId: string,
  voter: string,
  support: 0 | 1 | 2,
  timestamp: number,
  weight: bigint,
): StoredVote {
  return { proposalId, voter, support, timestamp, reason: '', signature: '0x01', weight, importedAt: 'x' }
}
