import { checksumTypo } from './checksum-typo'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JsonRpcProvider, Wallet, getAddress, hexlify, parseEther, parseUnits, randomBytes } from 'ethers'
import { councilAct, sandboxWorkspace } from './helpers'
import { balances, executeSafeTx } from './disbursements-chain'
import { getActiveChain } from '../../src/main/core/chain'
import { signSafeTx } from '../../src/main/core/signing/safe-tx'
import { signCouncilAct } from '../../src/main/core/council'
import {
  addProposalSignature,
  executeProposal,
  getProposalByHash,
  requireProposal,
} from '../../src/main/core/proposals'

const aitbc = (v: string) => parseUnits(v, 18).toString()
const fresh = () => getAddress(hexlify(randomBytes(20)))

describe('disbursement batches on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token, safeAddress, rpcUrl, chainId } = ws.sandbox
  const [alice, bob] = signers
  let aitbcLine: number
  let ethLine: number
  afterAll(() => ws.ctx.close())

  const auditActions = async () => (await ws.call('audit.list', { limit: 500 })).events.map((e) => e.action)
  const batchCount = () => (ws.db.prepare('SELECT count(*) AS n FROM disbursement_batches').get() as { n: number }).n
  const line = async (id: number) => (await ws.call('budgets.listLines', {})).find((l) => l.id === id)!
  const execute = (safeTx: Parameters<typeof executeSafeTx>[0]['safeTx']) =>
    executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx,
      signerKeys: [alice.privateKey, bob.privateKey],
      executorKey: funder.privateKey,
    })

  beforeAll(async () => {
    await ws.call('safe.overview', { refresh: true })
    const period = await ws.call('budgets.createPeriod', {
      name: '2026-Q3',
      startsOn: '2026-07-01',
      endsOn: '2026-09-30',
    })
    aitbcLine = (
      await ws.call('budgets.createLine', {
        periodId: period.id,
        category: 'development',
        token: token.address,
        allocation: aitbc('10000'),
      })
    ).id
    ethLine = (
      await ws.call('budgets.createLine', {
        periodId: period.id,
        category: 'community',
        token: 'native',
        allocation: parseEther('5').toString(),
      })
    ).id
  })

  it('pays approved milestones by a MultiSend batch executed on the real Safe; only the chain marks them paid', async () => {
    const recipient = fresh()
    const program = await ws.call('grants.createProgram', {
      name: 'Development grants',
      category: 'development',
      budgetLineId: aitbcLine,
      criteria: [
        { label: 'Impact', weight: 3 },
        { label: 'Feasibility', weight: 1 },
      ],
    })
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title: 'Indexer',
      applicant: 'Dana',
      recipient,
      milestones: [
        { title: 'Prototype', amount: aitbc('1000'), dueOn: '2026-07-31' },
        { title: 'Release', amount: aitbc('500'), dueOn: '2026-08-31' },
      ],
    })
    const [impact, feasibility] = program.criteria
    await councilAct(
      ws,
      'grant-evaluation',
      {
        grantId: grant.id,
        scores: [
          { criterionId: impact.id, score: 8 },
          { criterionId: feasibility.id, score: 4 },
        ],
      },
      [alice],
    )
    grant = await ws.call('grants.get', { grantId: grant.id })
    expect(grant.score).toBe(7)
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'fits the roadmap' }, [
      bob,
    ])
    grant = await ws.call('grants.get', { grantId: grant.id })
    for (const m of grant.milestones) {
      await ws.call('grants.milestone', {
        action: 'submit',
        milestoneId: m.id,
        deliverableUrl: 'https://example.org/d',
      })
      await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
      grant = await ws.call('grants.get', { grantId: grant.id })
    }
    expect(grant.milestones.map((m) => m.status)).toEqual(['approved', 'approved'])

    const draft = await ws.call('disbursements.create', {
      title: 'Indexer milestones',
      source: { kind: 'milestones', milestoneIds: grant.milestones.map((m) => m.id) },
    })
    expect(draft.status).toBe('draft')
    expect(draft.plan.lines[0]).toMatchObject({ total: aitbc('1500'), remaining: aitbc('10000'), overBy: '0' })
    // A milestone cannot be paid twice: it is held by the draft.
    await expect(
      ws.call('disbursements.create', {
        title: 'again',
        source: { kind: 'milestones', milestoneIds: [grant.milestones[0].id] },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already in batch/) })
    expect((await line(aitbcLine)).committed).toBe('0')

    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    expect(proposed.status).toBe('proposed')
    expect(proposed.safeTx).toMatchObject({ to: ws.sandbox.contracts.multiSendCallOnlyAddress, operation: 1 })
    expect(await line(aitbcLine)).toMatchObject({ committed: aitbc('1500'), spent: '0', remaining: aitbc('8500') })

    // Nothing is marked paid without the chain: an unknown hash and a transaction that executed no batch are refused.
    await expect(ws.call('disbursements.confirmExecution', { txHash: '0x' + 'ab'.repeat(32) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const provider = new JsonRpcProvider(rpcUrl, chainId, { cacheTimeout: -1, staticNetwork: true })
    const plain = await (
      await new Wallet(funder.privateKey, provider).sendTransaction({ to: fresh(), value: 1n })
    ).wait()
    provider.destroy()
    await expect(ws.call('disbursements.confirmExecution', { txHash: plain!.hash })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })

    const [before] = await balances(rpcUrl, token.address, [recipient])
    const receipt = await execute(proposed.safeTx!)
    await expect(
      ws.call('disbursements.confirmExecution', { txHash: receipt.hash, block: receipt.blockNumber + 1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    const executed = await ws.call('disbursements.confirmExecution', {
      txHash: receipt.hash,
      block: receipt.blockNumber,
    })
    expect(executed.status).toBe('executed')
    expect(executed.execution).toMatchObject({ txHash: receipt.hash, block: receipt.blockNumber })
    // Executed outside the app: its proposal follows the chain too.
    expect(getProposalByHash(ws.db, proposed.safeTxHash!)!.status).toBe('executed')
    const [after] = await balances(rpcUrl, token.address, [recipient])
    expect(after.token - before.token).toBe(parseUnits('1500', 18))

    const paid = await ws.call('grants.get', { grantId: grant.id })
    expect(paid.milestones.map((m) => m.status)).toEqual(['paid', 'paid'])
    expect(paid.paid).toBe(aitbc('1500'))
    expect(await line(aitbcLine)).toMatchObject({ committed: '0', spent: aitbc('1500'), remaining: aitbc('8500') })
    // Confirming again changes nothing.
    expect((await ws.call('disbursements.confirmExecution', { txHash: receipt.hash })).id).toBe(executed.id)
    const review = await ws.call('budgets.review', { periodId: (await line(aitbcLine)).periodId })
    const reviewed = review.lines.find((l) => l.id === aitbcLine)!
    expect(reviewed.burn).toEqual([{ at: executed.execution!.at, spent: aitbc('1500') }])
    expect(reviewed.batches[0]).toMatchObject({ batchId: executed.id, executedTxHash: receipt.hash })
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['grant.evaluated', 'grant.approved', 'disbursement.proposed', 'disbursement.executed']),
    )
    expect((await ws.call('audit.verify', {})).ok).toBe(true)
  })

  it('pays ETH and AITBC recipients from one Safe CSV Airdrop batch', async () => {
    const [r1, r2] = [fresh(), fresh()]
    const csv = [
      'token_type,token_address,receiver,amount,id',
      `native,,${r1},0.25,eth-1`,
      `erc20,${token.address},${r2},42.5,tok-1`,
      `erc20,${token.address},${r1},0.000000000000000001,tok-2`,
    ].join('\n')
    const preview = await ws.call('disbursements.preview', {
      source: { kind: 'csv', csv, budgetLineIds: [aitbcLine, ethLine] },
    })
    expect(preview.tokens.map((t) => [t.symbol, t.total, t.exceedsBalance])).toEqual([
      ['ETH', parseEther('0.25').toString(), false],
      ['AITBC', (parseUnits('42.5', 18) + 1n).toString(), false],
    ])
    const draft = await ws.call('disbursements.create', {
      title: 'Community payouts',
      source: { kind: 'csv', csv, budgetLineIds: [aitbcLine, ethLine] },
    })
    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    const before = await balances(rpcUrl, token.address, [r1, r2])
    const receipt = await execute(proposed.safeTx!)
    await ws.call('disbursements.confirmExecution', { txHash: receipt.hash })
    const after = await balances(rpcUrl, token.address, [r1, r2])
    expect(after[0].eth - before[0].eth).toBe(parseEther('0.25'))
    expect(after[0].token - before[0].token).toBe(1n)
    expect(after[1].token - before[1].token).toBe(parseUnits('42.5', 18))
    expect((await line(ethLine)).spent).toBe(parseEther('0.25').toString())
  })

  it('refuses an over-budget batch, then accepts it with a council member override, audited', async () => {
    const csv = `token_type,token_address,receiver,amount,id\nnative,,${fresh()},6,too-much`
    const source = { kind: 'csv' as const, csv, budgetLineIds: [ethLine] }
    const batches = batchCount()
    const events = (await ws.call('audit.list', {})).total
    const refused = await ws.call('disbursements.create', { title: 'Big', source }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/exceeds its budget.*over by/) })
    expect((refused as { details: { lines: Array<{ overBy: string }> } }).details.lines[0].overBy).toBe(
      parseEther('1.25').toString(),
    )
    const reason = 'council vote #12 approved the event budget overrun'
    await expect(
      councilAct(ws, 'budget-override', { batch: { title: 'Big', source }, reason: 'urgent' }, [funder]),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/not a council member/) })
    expect(batchCount()).toBe(batches)
    expect((await ws.call('audit.list', {})).total).toBe(events)

    // An override needs two members by default: pending after one signature, effective after the second.
    const request = await ws.call('council.request', {
      kind: 'budget-override',
      content: { batch: { title: 'Big', source }, reason },
    })
    const sign = async (k: { privateKey: string }) => {
      const w = new Wallet(k.privateKey)
      return { signer: w.address, signature: await signCouncilAct(w, request) }
    }
    const first = await ws.call('council.submit', { request, signatures: [await sign(alice)] })
    expect(first).toMatchObject({
      status: 'pending',
      needed: 2,
      signers: [expect.objectContaining({ member: alice.address })],
    })
    expect(first.missing).toEqual(expect.arrayContaining([bob.address]))
    expect(first.missing).not.toContain(alice.address)
    expect(batchCount()).toBe(batches)
    const second = await ws.call('council.submit', { request, signatures: [await sign(bob)] })
    expect(second).toMatchObject({ status: 'effective', missing: [] })
    const accepted = await ws.call('disbursements.get', { batchId: (second.result as { batchId: number }).batchId })
    expect(accepted.override).toMatchObject({
      by: `${alice.address}, ${bob.address}`,
      reason: expect.stringMatching(/council vote/),
    })
    const proposed = await ws.call('disbursements.propose', { batchId: accepted.id })
    expect(proposed.status).toBe('proposed')
    expect(BigInt((await line(ethLine)).remaining)).toBeLessThan(0n)
    const overrides = (await ws.call('audit.list', {})).events.filter((e) => e.action === 'budget.override.recorded')
    expect(overrides[0]).toMatchObject({ subject: `batch:${accepted.id}` })
    // Cancelling releases the commitment.
    await ws.call('disbursements.cancel', { batchId: accepted.id, reason: 'paid from another Safe' })
    expect(BigInt((await line(ethLine)).remaining)).toBeGreaterThanOrEqual(0n)
  })

  it('refuses to propose a batch the Safe cannot pay, whatever the budget says', async () => {
    const csv = `token_type,token_address,receiver,amount,id\nnative,,${fresh()},5000,whale`
    const act = await councilAct(
      ws,
      'budget-override',
      {
        batch: { title: 'Whale', source: { kind: 'csv', csv, budgetLineIds: [ethLine] } },
        reason: 'testing the balance guard',
      },
      [alice, bob],
    )
    const draft = await ws.call('disbursements.get', { batchId: (act.result as { batchId: number }).batchId })
    expect(draft.plan.tokens[0].exceedsBalance).toBe(true)
    await expect(ws.call('disbursements.propose', { batchId: draft.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/cannot pay/),
    })
    expect((await ws.call('disbursements.get', { batchId: draft.id })).status).toBe('draft')
  })

  it('imports a valid 1,000-row file, and refuses each kind of bad file by row and reason, storing nothing', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `erc20,${token.address},${fresh()},1.5,row-${i}`)
    const good = ['token_type,token_address,receiver,amount,id', ...rows].join('\n')
    const plan = await ws.call('disbursements.preview', {
      source: { kind: 'csv', csv: good, budgetLineIds: [aitbcLine] },
    })
    expect(plan.items).toHaveLength(1000)
    expect(plan.tokens[0].total).toBe(aitbc('1500'))
    const stored = await ws.call('disbursements.create', {
      title: '1,000 recipients',
      source: { kind: 'csv', csv: good, budgetLineIds: [aitbcLine] },
    })
    expect(stored.items).toBe(1000)

    const header = 'token_type,token_address,receiver,amount,id'
    const r = fresh()
    const unknown = '0x000000000000000000000000000000000000dEaD'
    const cases: Array<[string, RegExp]> = [
      [`native,,${checksumTypo(r)},1,`, /checksum/],
      [`native,,${r},1,\nnative,,${r},2,`, /duplicate of row 2/],
      [`native,,${r},0,`, /zero/],
      [`native,,${r},-1,`, /negative/],
      [`erc20,${unknown},${r},1,`, /unknown token/],
      [`native,,${r},0.0000000000000000001,`, /19 decimals; ETH has 18/],
    ]
    const batches = batchCount()
    const events = (await ws.call('audit.list', {})).total
    for (const [body, reason] of cases) {
      const csv = `${header}\n${body}`
      const error = await ws
        .call('disbursements.create', {
          title: 'bad',
          source: { kind: 'csv', csv, budgetLineIds: [ethLine, aitbcLine] },
        })
        .catch((e: unknown) => e as { code: string; details: { problems: Array<{ row: number; reason: string }> } })
      expect(error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/nothing was stored/) })
      const problem = (error as { details: { problems: Array<{ row: number; reason: string }> } }).details.problems.at(
        -1,
      )!
      expect(problem.reason).toMatch(reason)
      expect(problem.row).toBe(csv.split('\n').length)
    }
    expect(batchCount()).toBe(batches)
    expect((await ws.call('audit.list', {})).total).toBe(events)
  })

  it('drafts due schedules, never proposes them, and shows missed and paused ones', async () => {
    const recipient = fresh()
    const stipend = await ws.call('disbursements.createSchedule', {
      kind: 'monthly',
      name: 'Moderator stipend',
      budgetLineId: aitbcLine,
      recipient,
      amount: aitbc('100'),
      dayOfMonth: 1,
      startsOn: '2026-01-01',
      endsOn: '2026-03-31',
    })
    const asOf = '2026-02-10'
    const listed = (await ws.call('disbursements.schedules', { asOf })).find((s) => s.id === stipend.id)!
    expect(listed).toMatchObject({ state: 'missed', missed: ['2026-01-01', '2026-02-01'], nextDueOn: '2026-01-01' })
    const paused = await ws.call('disbursements.pauseSchedule', {
      scheduleId: stipend.id,
      paused: true,
      reason: 'moderator on leave',
    })
    expect(paused.paused).toBe(true)
    expect((await ws.call('disbursements.draftDue', { asOf })).drafted).toEqual([])
    expect((await ws.call('disbursements.schedules', { asOf })).find((s) => s.id === stipend.id)!.state).toBe('paused')
    await ws.call('disbursements.pauseSchedule', { scheduleId: stipend.id, paused: false, reason: 'back' })
    const drafted = await ws.call('disbursements.draftDue', { asOf })
    expect(drafted.drafted.map((d) => d.dueOn)).toEqual(['2026-01-01', '2026-02-01'])
    const batch = await ws.call('disbursements.get', { batchId: drafted.drafted[0].batchId })
    expect(batch).toMatchObject({ status: 'draft', source: 'schedule', safeTx: null, scheduleDueOn: '2026-01-01' })
    expect(batch.plan.items[0]).toMatchObject({ receiver: recipient, amount: aitbc('100') })
    expect((await ws.call('disbursements.draftDue', { asOf })).drafted).toEqual([])
    const after = (await ws.call('disbursements.schedules', { asOf })).find((s) => s.id === stipend.id)!
    expect(after).toMatchObject({ state: 'scheduled', nextDueOn: '2026-03-01', missed: [] })
  })

  it('drafts a batch of a grant’s approved milestones when their due date arrives', async () => {
    const program = (await ws.call('grants.listPrograms', {}))[0]
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title: 'Docs sprint',
      applicant: 'Fay',
      recipient: fresh(),
      milestones: [
        { title: 'Draft', amount: aitbc('10'), dueOn: '2026-03-01' },
        { title: 'Final', amount: aitbc('20'), dueOn: '2026-04-01' },
      ],
    })
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: program.criteria.map((c) => ({ criterionId: c.id, score: 7 })) },
      [alice],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'needed' }, [bob])
    grant = await ws.call('grants.get', { grantId: grant.id })
    const schedule = await ws.call('disbursements.createSchedule', {
      kind: 'milestones',
      name: 'Docs',
      grantId: grant.id,
    })
    const [draft] = grant.milestones
    await ws.call('grants.milestone', {
      action: 'submit',
      milestoneId: draft.id,
      deliverableUrl: 'https://example.org/a',
    })
    await councilAct(ws, 'milestone-decision', { milestoneId: draft.id, decision: 'approve' }, [alice])
    const status = (asOf: string) =>
      ws.call('disbursements.schedules', { asOf }).then((all) => all.find((s) => s.id === schedule.id)!)
    expect(await status('2026-02-01')).toMatchObject({ state: 'scheduled', nextDueOn: '2026-03-01' })
    const result = await ws.call('disbursements.draftDue', { asOf: '2026-03-02' })
    const mine = result.drafted.filter((d) => d.scheduleId === schedule.id)
    expect(mine).toHaveLength(1)
    const batch = await ws.call('disbursements.get', { batchId: mine[0].batchId })
    expect(batch.plan.items.map((i) => i.milestoneId)).toEqual([draft.id])
    // The final milestone falls due unapproved: shown as missed, not drafted.
    expect(await status('2026-04-10')).toMatchObject({ state: 'missed', missed: ['2026-04-01'] })
    expect(
      (await ws.call('disbursements.draftDue', { asOf: '2026-04-10' })).drafted.filter(
        (d) => d.scheduleId === schedule.id,
      ),
    ).toEqual([])
  })

  /** An approved grant with approved milestones, ready to be paid. */
  async function approvedGrant(title: string, amounts: string[]) {
    const program = (await ws.call('grants.listPrograms', {}))[0]
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title,
      applicant: 'Gus',
      recipient: fresh(),
      milestones: amounts.map((a, i) => ({ title: `M${i + 1}`, amount: aitbc(a), dueOn: '2026-08-31' })),
    })
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: program.criteria.map((c) => ({ criterionId: c.id, score: 7 })) },
      [alice],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'worth funding' }, [bob])
    grant = await ws.call('grants.get', { grantId: grant.id })
    for (const m of grant.milestones) {
      await ws.call('grants.milestone', {
        action: 'submit',
        milestoneId: m.id,
        deliverableUrl: 'https://example.org/x',
      })
      await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
      grant = await ws.call('grants.get', { grantId: grant.id })
    }
    return grant
  }

  /** A signature by a demo owner key over the proposal, added through the proposals core (as any signing path does). */
  const addSignature = async (proposalId: number, key: string) => {
    const p = requireProposal(ws.db, proposalId)
    const signature = await signSafeTx(new Wallet(key), chainId, safeAddress, p.safeTx)
    return ws.ctx.mutate(
      (r: { signer: string }) => ({
        actor: r.signer,
        action: 'proposal.signature_added',
        subject: `proposal:${proposalId}`,
      }),
      () => addProposalSignature(ws.db, proposalId, { signature, source: 'local' }),
    )
  }

  it('proposes a batch as a Safe proposal, signed and executed through the proposals core: milestones paid, spent moved', async () => {
    const grant = await approvedGrant('Wallet SDK', ['300', '200'])
    const draft = await ws.call('disbursements.create', {
      title: 'Wallet SDK milestones',
      source: { kind: 'milestones', milestoneIds: grant.milestones.map((m) => m.id) },
    })
    const spentBefore = BigInt((await line(aitbcLine)).spent)
    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    const proposal = getProposalByHash(ws.db, proposed.safeTxHash!)!
    expect(proposal).toMatchObject({
      kind: 'batch',
      status: 'awaiting_signatures',
      nonce: proposed.nonce,
      budgetLineId: String(aitbcLine),
      grantLink: `batch:${draft.id} grant:${grant.id}`,
    })
    expect(proposal.safeTx).toEqual(proposed.safeTx)
    expect(proposed.proposal).toEqual({ id: proposal.id, status: 'awaiting_signatures' })
    const queue = await ws.call('proposals.list', {})
    expect(queue.rows.map((r) => r.id)).toContain(proposal.id)
    expect((await line(aitbcLine)).committed).toBe(aitbc('500'))

    await addSignature(proposal.id, alice.privateKey)
    const second = await addSignature(proposal.id, bob.privateKey)
    expect(second.status).toBe('ready')
    const chain = getActiveChain(ws.db)!
    const provider = new JsonRpcProvider(rpcUrl, chainId, { cacheTimeout: -1, staticNetwork: true })
    try {
      const execution = await executeProposal(ws.ctx, chain, proposal.id, new Wallet(funder.privateKey, provider))
      expect(execution.outcome).toBe('success')
      const batch = await ws.call('disbursements.get', { batchId: draft.id })
      expect(batch).toMatchObject({ status: 'executed', execution: { txHash: execution.txHash } })
    } finally {
      provider.destroy()
    }
    const paid = await ws.call('grants.get', { grantId: grant.id })
    expect(paid.milestones.map((m) => m.status)).toEqual(['paid', 'paid'])
    const after = await line(aitbcLine)
    expect(after.committed).toBe('0')
    expect(BigInt(after.spent) - spentBefore).toBe(parseUnits('500', 18))
    expect(requireProposal(ws.db, proposal.id).status).toBe('executed')
  })

  it('refuses to sign or execute a batch proposal under an open dispute; cancelling releases the commitment', async () => {
    const grant = await approvedGrant('Explorer', ['40'])
    const draft = await ws.call('disbursements.create', {
      title: 'Explorer milestone',
      source: { kind: 'milestones', milestoneIds: [grant.milestones[0].id] },
    })
    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    const proposal = getProposalByHash(ws.db, proposed.safeTxHash!)!
    await addSignature(proposal.id, alice.privateKey)
    await addSignature(proposal.id, bob.privateKey)
    await ws.call('governance.raiseDispute', {
      subjectKind: 'milestone',
      subjectRef: String(grant.milestones[0].id),
      raisedBy: 'Hal',
      reason: 'the deliverable link is empty',
    })
    await expect(addSignature(proposal.id, signers[2].privateKey)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Cannot sign it: dispute #\d+/),
    })
    await expect(ws.call('proposals.execute', { id: proposal.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Cannot execute it: dispute/),
    })
    expect((await ws.call('disbursements.get', { batchId: draft.id })).status).toBe('proposed')
    const committed = BigInt((await line(aitbcLine)).committed)
    await ws.call('proposals.cancel', { id: proposal.id, reason: 'disputed' })
    expect((await ws.call('disbursements.get', { batchId: draft.id })).status).toBe('cancelled')
    expect(BigInt((await line(aitbcLine)).committed)).toBe(committed - parseUnits('40', 18))
    expect(await auditActions()).toContain('disbursement.released')
  })
})
