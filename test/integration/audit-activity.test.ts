import { afterAll, describe, expect, it } from 'vitest'
import { Wallet, getAddress, hexlify, parseEther, parseUnits, randomBytes } from 'ethers'
import { councilAct, sandboxWorkspace } from './helpers'
import { executeSafeTx } from './disbursements-chain'
import { signProposal } from '../../src/main/core/proposals'
import { treasuryActivityRows, type ActivityRow } from '../../src/main/core/reports/activity'

/*
 * Issue #14, defect 4: the audit CSV's transaction columns (title, amount, recipient, token, proposer, signers…)
 * were empty for proposal events. Here real proposals, a milestone batch executed on the sandbox Safe and its grant
 * are made through the API; then every audit event about them must carry, in its CSV row, what the API itself
 * says about the record (read back independently through proposals.get / disbursements.get / grants.get).
 */

const aitbc = (v: string) => parseUnits(v, 18).toString()
const fresh = () => getAddress(hexlify(randomBytes(20)))

describe('audit CSV transaction columns on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token, safeAddress, rpcUrl, chainId } = ws.sandbox
  const [alice, bob] = signers
  afterAll(() => ws.ctx.close())

  it('fills title, amount, recipient, token, proposer and signers for every proposal, batch and grant event', async () => {
    await ws.call('safe.overview', { refresh: true })
    // A grant milestone paid by a batch executed on the Safe.
    const period = await ws.call('budgets.createPeriod', {
      name: 'audit-Q',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'development',
      token: token.address,
      allocation: aitbc('10000'),
    })
    const program = await ws.call('grants.createProgram', {
      name: 'Audit grants',
      category: 'development',
      budgetLineId: line.id,
      criteria: [{ label: 'Impact', weight: 1 }],
    })
    const grantee = fresh()
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title: 'Explorer',
      applicant: 'Eve',
      recipient: grantee,
      milestones: [{ title: 'Beta', amount: aitbc('250'), dueOn: '2026-07-31' }],
    })
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: [{ criterionId: program.criteria[0].id, score: 9 }] },
      [alice],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'fits the roadmap' }, [
      bob,
    ])
    grant = await ws.call('grants.get', { grantId: grant.id })
    const m = grant.milestones[0]
    await ws.call('grants.milestone', { action: 'submit', milestoneId: m.id, deliverableUrl: 'https://example.org/b' })
    await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
    const draft = await ws.call('disbursements.create', {
      title: 'Explorer beta',
      source: { kind: 'milestones', milestoneIds: [m.id] },
    })
    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    const receipt = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: proposed.safeTx!,
      signerKeys: [alice.privateKey, bob.privateKey],
      executorKey: funder.privateKey,
    })
    await ws.call('disbursements.confirmExecution', { txHash: receipt.hash, block: receipt.blockNumber })

    // Then a proposal paying ETH, signed by one owner (after the batch: it takes the next nonce).
    const ethRecipient = fresh()
    const pay = await ws.call('proposals.create', {
      safe: safeAddress,
      title: 'Pay the auditor',
      proposer: alice.address,
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: ethRecipient, amount: parseEther('0.3').toString() }],
      },
    })
    await signProposal(ws.ctx, pay.id, new Wallet(alice.privateKey))

    const last = (ws.db.prepare('SELECT max(seq) AS n FROM audit_events').get() as { n: number }).n
    const rows = [...treasuryActivityRows(ws.db, { firstSeq: 1, lastSeq: last })]
    const about = (subject: string) => rows.filter((r) => r.auditSubject === subject)

    // What the API says, read independently of the export.
    const payDetail = await ws.call('proposals.get', { id: pay.id })
    const payRows = about(`proposal:${pay.id}`)
    expect(payRows.map((r) => r.auditAction)).toEqual(
      expect.arrayContaining(['proposal.created', 'proposal.signature_added']),
    )
    for (const r of payRows)
      expectColumns(r, {
        proposalTitle: payDetail.title,
        proposer: payDetail.proposer,
        to: ethRecipient,
        amountBaseUnits: parseEther('0.3').toString(),
        amount: '0.3',
        tokenSymbol: 'ETH',
        safe: safeAddress,
        safeTxHash: payDetail.safeTxHash,
        nonce: String(payDetail.nonce),
        signers: payDetail.signatures.map((s) => s.signer).join(';'),
      })
    expect(payDetail.signatures.map((s) => s.signer)).toEqual([alice.address])

    const batchDetail = await ws.call('disbursements.get', { batchId: draft.id })
    const linked = await ws.call('proposals.get', {
      id: (
        ws.db.prepare('SELECT id FROM proposals WHERE safe_tx_hash = ?').get(batchDetail.safeTxHash) as { id: number }
      ).id,
    })
    const batchRows = about(`batch:${draft.id}`)
    expect(batchRows.map((r) => r.auditAction)).toEqual(
      expect.arrayContaining(['disbursement.proposed', 'disbursement.executed']),
    )
    for (const r of batchRows)
      expectColumns(r, {
        proposalTitle: batchDetail.title,
        to: grantee,
        amountBaseUnits: aitbc('250'),
        amount: '250',
        tokenAddress: token.address,
        tokenSymbol: 'AITBC',
        proposer: linked.proposer,
        safeTxHash: batchDetail.safeTxHash!,
        txHash: receipt.hash,
        grant: 'Explorer',
        milestone: 'Beta',
      })

    const paidGrant = await ws.call('grants.get', { grantId: grant.id })
    const milestoneRows = about(`milestone:${m.id}`)
    expect(milestoneRows.length).toBeGreaterThan(0)
    for (const r of [...milestoneRows, ...about(`grant:${grant.id}`)])
      expectColumns(r, {
        grant: paidGrant.title,
        to: paidGrant.recipient,
        tokenAddress: token.address,
        tokenSymbol: 'AITBC',
      })
    for (const r of milestoneRows)
      expectColumns(r, { milestone: 'Beta', amountBaseUnits: aitbc('250'), txHash: receipt.hash })
  })
})

/** Each named auditor column must hold exactly what the record says: an empty cell fails. */
function expectColumns(row: ActivityRow, expected: Partial<ActivityRow>) {
  for (const [key, value] of Object.entries(expected)) {
    expect({ event: `${row.auditSeq} ${row.auditAction}`, column: key, cell: row[key as keyof ActivityRow] }).toEqual({
      event: `${row.auditSeq} ${row.auditAction}`,
      column: key,
      cell: value,
    })
  }
}
