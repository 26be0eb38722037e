import { Wallet } from 'ethers'
import { openDatabase, type Db } from '../../src/main/core/db/open'
import { WORKSPACE_USER, createContext } from '../../src/main/core/workspace/context'
import { saveChain } from '../../src/main/core/chain/store'
import { insertSafe, saveSnapshot } from '../../src/main/core/safe/store'
import { saveToken } from '../../src/main/core/tokens/registry'
import { insertLine, insertPeriod } from '../../src/main/core/budgets/store'
import {
  insertApplication,
  insertEvaluation,
  insertProgram,
  moveMilestone,
  recordDecision,
  setOutcomeNotes,
  getGrant,
} from '../../src/main/core/grants/store'
import { insertBatch, markExecuted, markProposed } from '../../src/main/core/disbursements/store'
import { insertExecution, insertProposal, insertProposalSignature } from '../../src/main/core/proposals/store'
import {
  DEFAULT_RULES,
  insertProposal as insertGovernanceProposal,
  insertVotes,
  proposalId,
  setExecution,
  setQueued,
  setSafeLink,
  setTotalSupply,
  type ProposalContent,
} from '../../src/main/core/governance'
import { plainSafeTx, safeTxHash } from '../../src/main/core/signing/safe-tx'

/**
 * A workspace holding every record the report's sections and charts read, written through the core's own store
 * functions into a real (in-memory) SQLite: a budget period with two lines, a grant paid in two milestones by one
 * batch, a Safe proposal signed by two owners (threshold 2), and a treasury-spending governance decision whose
 * linked SafeTx is that batch, executed on chain.
 */
export const CHAIN_ID = 31337
export const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
export const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
export const OWNER_A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
export const OWNER_B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
export const GRANTEE = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
export const BATCH_EXEC_TX = '0x' + 'ab'.repeat(32)
export const PROPOSAL_EXEC_TX = '0x' + 'cd'.repeat(32)

export interface ReportRecords {
  db: Db
  researchLine: number
  opsLine: number
  grantId: number
  batchId: number
  batchSafeTxHash: string
  safeProposalId: number
  decisionId: string
  period: { from: string; to: string }
}

const at = (iso: string) => new Date(iso)

export function reportRecords(): ReportRecords {
  const db = openDatabase(':memory:')
  const ctx = createContext(db, 'cli', 'test')
  const mutate = <T>(action: string, change: () => T) =>
    ctx.mutate({ actor: WORKSPACE_USER, action, subject: 'test' }, change)
  mutate('chain.connected', () => {
    saveChain(db, {
      chainId: CHAIN_ID,
      name: 'test',
      rpcUrl: 'http://127.0.0.1:1',
      isSandbox: true,
      contractNetwork: null,
    })
    saveToken(db, { chainId: CHAIN_ID, address: TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 })
    insertSafe(db, CHAIN_ID, SAFE, 'Treasury')
    saveSnapshot(db, {
      chainId: CHAIN_ID,
      address: SAFE,
      label: 'Treasury',
      version: '1.4.1',
      threshold: 2,
      owners: [OWNER_A, OWNER_B],
      nonce: 1,
      balances: [],
      modules: [],
      guard: null,
      fallbackHandler: null,
      asOf: '2026-07-01T00:00:00.000Z',
    } as never)
  })
  const budget = mutate('budget.period.created', () =>
    insertPeriod(db, { name: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' }, at('2026-07-01T00:00:00Z')),
  )
  const line = (category: string, allocation: bigint) =>
    mutate('budget.line.created', () =>
      insertLine(db, {
        periodId: budget.id,
        category,
        chainId: CHAIN_ID,
        token: TOKEN,
        symbol: 'AITBC',
        decimals: 18,
        allocation,
      }),
    )
  const researchLine = line('research', 1000n * 10n ** 18n)
  const opsLine = line('operations', 500n * 10n ** 18n)

  const programId = mutate('grants.program.created', () =>
    insertProgram(db, {
      name: 'Research grants',
      category: 'research',
      description: '',
      budgetLineId: researchLine,
      criteria: [{ label: 'impact', weight: 100 }],
    }),
  )
  const grantId = mutate('grants.applied', () =>
    insertApplication(
      db,
      {
        programId,
        title: 'ZK audit',
        applicant: GRANTEE,
        recipient: GRANTEE,
        milestones: [
          { title: 'Design', amount: (100n * 10n ** 18n).toString(), dueOn: '2026-07-15' },
          { title: 'Report', amount: (150n * 10n ** 18n).toString(), dueOn: '2026-08-15' },
        ],
      },
      at('2026-07-02T00:00:00Z'),
    ),
  )
  const criterion = getGrant(db, grantId).criteria[0].id
  mutate('grants.evaluated', () =>
    insertEvaluation(db, { grantId, evaluator: OWNER_A, scores: [{ criterionId: criterion, score: 8 }], comment: '' }),
  )
  mutate('grants.decided', () =>
    recordDecision(
      db,
      { grantId, decision: 'approve', reason: 'good', decidedBy: OWNER_A },
      at('2026-07-03T00:00:00Z'),
    ),
  )
  const milestones = getGrant(db, grantId).milestones
  for (const m of milestones) {
    mutate('grants.milestone.moved', () => moveMilestone(db, { milestoneId: m.id, action: 'submit' }))
    mutate('grants.milestone.moved', () => moveMilestone(db, { milestoneId: m.id, action: 'approve' }))
  }
  mutate('grants.outcome', () => setOutcomeNotes(db, grantId, 'Audit published'))

  // The batch paying both milestones; its SafeTx is what the governance decision carries out.
  const batchId = mutate('disbursement.drafted', () =>
    insertBatch(db, {
      title: 'ZK audit milestones',
      source: 'milestones',
      chainId: CHAIN_ID,
      safeAddress: SAFE,
      items: milestones.map((m) => ({
        budgetLineId: researchLine,
        token: TOKEN,
        symbol: 'AITBC',
        decimals: 18,
        receiver: GRANTEE,
        amount: m.amount,
        milestoneId: m.id,
        grantId,
        label: null,
      })),
    }),
  )
  const batchTx = plainSafeTx({ to: TOKEN, value: '0', data: '0x', operation: 0, nonce: '0' })
  const batchSafeTxHash = safeTxHash(CHAIN_ID, SAFE, batchTx)
  mutate('disbursement.proposed', () =>
    markProposed(db, batchId, { safeTx: batchTx, safeTxHash: batchSafeTxHash, nonce: 0 }),
  )
  mutate('disbursement.executed', () =>
    markExecuted(db, batchId, { txHash: BATCH_EXEC_TX, block: 10, at: '2026-08-20T00:00:00.000Z' }),
  )

  // A direct Safe proposal charged to the operations line, signed by both owners, executed.
  const opsTx = plainSafeTx({ to: OWNER_B, value: '5', data: '0x', operation: 0, nonce: '1' })
  const safeProposalId = mutate('proposal.created', () =>
    insertProposal(
      db,
      {
        chainId: CHAIN_ID,
        safe: SAFE,
        kind: 'eth_transfer',
        title: 'Hosting',
        description: '',
        category: 'infrastructure',
        budgetLineId: String(opsLine),
        grantLink: null,
        proposer: OWNER_A,
        status: 'executed',
        safeTx: opsTx,
        safeTxHash: safeTxHash(CHAIN_ID, SAFE, opsTx),
        actions: [],
        outflows: [{ token: TOKEN, symbol: 'AITBC', decimals: 18, amount: (40n * 10n ** 18n).toString() }],
        multiSend: null,
        rejectsId: null,
      },
      at('2026-08-01T10:00:00Z'),
    ),
  )
  const sign = (signer: string, when: string) =>
    mutate('proposal.signed', () =>
      insertProposalSignature(
        db,
        safeProposalId,
        { signer, signature: '0x' + '00'.repeat(65), kind: 'eip712', source: 'local' },
        at(when),
      ),
    )
  sign(OWNER_A, '2026-08-01T10:30:00Z') // 30 minutes
  sign(OWNER_B, '2026-08-01T12:00:00Z') // 120 minutes: the threshold (2 of 2)
  mutate('proposal.executed', () =>
    insertExecution(db, safeProposalId, {
      txHash: PROPOSAL_EXEC_TX,
      blockNumber: 12,
      gasUsed: '21000',
      outcome: 'success',
      executor: OWNER_A,
      origin: 'app',
      at: '2026-08-01T12:05:00.000Z',
    }),
  )

  // A treasury-spending decision, voted, queued, linked to the batch's SafeTx and executed with it.
  const content: ProposalContent = {
    format: 'aitbc-governance-proposal',
    version: 1,
    chainId: CHAIN_ID,
    token: TOKEN,
    kind: 'treasury_spending',
    title: 'Fund the ZK audit',
    body: 'Pay both milestones',
    proposer: OWNER_A,
    createdBlock: 2,
    snapshotBlock: 3,
    endBlock: 6,
    rules: DEFAULT_RULES.treasury_spending,
    spending: {
      safe: SAFE,
      transfers: milestones.map((m) => ({ recipient: GRANTEE, token: TOKEN, amount: m.amount })),
    },
    createdAt: '2026-07-10T00:00:00.000Z',
  }
  const decisionId = proposalId(content)
  mutate('governance.proposal.created', () =>
    insertGovernanceProposal(db, { ...content, id: decisionId, content: JSON.stringify(content) }),
  )
  mutate('governance.votes.imported', () =>
    insertVotes(db, [
      vote(decisionId, OWNER_A, 1, 300n * 10n ** 18n),
      vote(decisionId, OWNER_B, 0, 100n * 10n ** 18n),
      vote(decisionId, GRANTEE, 2, 100n * 10n ** 18n),
    ]),
  )
  mutate('governance.supply', () => setTotalSupply(db, decisionId, 10_000n * 10n ** 18n))
  mutate('governance.queued', () => setQueued(db, decisionId, 1_785_000_000, 1_785_172_800))
  mutate('governance.linked', () =>
    setSafeLink(db, decisionId, { safeProposalId: null, safeTxHash: batchSafeTxHash, nonce: 0, safeTx: batchTx }),
  )
  mutate('governance.executed', () =>
    setExecution(db, decisionId, BATCH_EXEC_TX, Date.parse('2026-08-20T00:00:00Z') / 1000),
  )
  return {
    db,
    researchLine,
    opsLine,
    grantId,
    batchId,
    batchSafeTxHash,
    safeProposalId,
    decisionId,
    period: { from: '2026-07-01', to: '2026-09-30' },
  }
}

function vote(proposalId: string, voter: string, support: 0 | 1 | 2, weight: bigint) {
  return {
    proposalId,
    voter,
    support,
    timestamp: 1_784_000_000,
    reason: '',
    signature: Wallet.createRandom().address,
    weight,
    importedAt: '2026-07-12T00:00:00.000Z',
  }
}
