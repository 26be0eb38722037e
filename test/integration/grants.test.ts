import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUnits } from 'ethers'
import { sandboxWorkspace } from './helpers'

describe('grant programs, applications and evaluation through the API', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token } = ws.sandbox
  let programId: number
  let criteria: Array<{ id: number }>
  afterAll(() => ws.ctx.close())

  beforeAll(async () => {
    await ws.call('safe.overview', { refresh: true })
    const period = await ws.call('budgets.createPeriod', {
      name: 'FY2026',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'innovation',
      token: token.address,
      allocation: parseUnits('5000', 18).toString(),
    })
    const program = await ws.call('grants.createProgram', {
      name: 'Innovation',
      category: 'innovation',
      budgetLineId: line.id,
      criteria: [
        { label: 'Novelty', weight: 2 },
        { label: 'Team', weight: 1 },
      ],
    })
    programId = program.id
    criteria = program.criteria
    expect(program).toMatchObject({ symbol: 'AITBC', budgetLineLabel: 'FY2026 · innovation · AITBC' })
  })

  const apply = () =>
    ws.call('grants.apply', {
      programId,
      title: 'ZK payroll',
      applicant: 'Eve Labs',
      recipient: signers[2].address,
      milestones: [
        { title: 'Design', amount: parseUnits('100', 18).toString(), dueOn: '2026-03-01' },
        { title: 'Audit', amount: parseUnits('200', 18).toString(), dueOn: '2026-06-01' },
      ],
    })

  it('checks the recipient checksum and derives token and amount from the program and milestones', async () => {
    const wrong = signers[2].address.replace(/[a-f]/, (c) => c.toUpperCase())
    await expect(
      ws.call('grants.apply', {
        programId,
        title: 'x',
        applicant: 'y',
        recipient: wrong,
        milestones: [{ title: 'm', amount: '1', dueOn: '2026-01-01' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/checksum/) })
    const grant = await apply()
    expect(grant).toMatchObject({ status: 'applied', token: token.address, amount: parseUnits('300', 18).toString() })
    expect(grant.milestones.map((m) => m.status)).toEqual(['pending', 'pending'])
  })

  it('lets only council members evaluate, on every criterion, and decide with a reason that records who', async () => {
    const grant = await apply()
    await expect(
      ws.call('grants.decide', {
        grantId: grant.id,
        decision: 'approve',
        reason: 'looks good',
        decidedBy: signers[0].address,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/evaluated/) })
    const scores = criteria.map((c, i) => ({ criterionId: c.id, score: 9 - i * 3 }))
    await expect(
      ws.call('grants.evaluate', { grantId: grant.id, evaluator: funder.address, scores }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(
      ws.call('grants.evaluate', { grantId: grant.id, evaluator: signers[0].address, scores: scores.slice(0, 1) }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/missing "Team"/) })
    await ws.call('grants.evaluate', { grantId: grant.id, evaluator: signers[0].address, scores })
    await expect(
      ws.call('grants.evaluate', { grantId: grant.id, evaluator: signers[0].address, scores }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    const evaluated = await ws.call('grants.evaluate', {
      grantId: grant.id,
      evaluator: signers[1].address,
      scores: criteria.map((c) => ({ criterionId: c.id, score: 5 })),
    })
    expect(evaluated.evaluations.map((e) => e.weightedScore)).toEqual([8, 5])
    expect(evaluated.score).toBe(6.5)

    const approved = await ws.call('grants.decide', {
      grantId: grant.id,
      decision: 'approve',
      reason: 'strong novelty',
      decidedBy: signers[1].address,
    })
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: signers[1].address,
      decisionReason: 'strong novelty',
    })
    await expect(
      ws.call('grants.decide', {
        grantId: grant.id,
        decision: 'reject',
        reason: 'changed mind',
        decidedBy: signers[0].address,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('moves milestones pending → submitted → approved or rejected, never to paid by hand', async () => {
    const grant = await apply()
    await ws.call('grants.evaluate', {
      grantId: grant.id,
      evaluator: signers[0].address,
      scores: criteria.map((c) => ({ criterionId: c.id, score: 6 })),
    })
    await ws.call('grants.decide', {
      grantId: grant.id,
      decision: 'approve',
      reason: 'fine work',
      decidedBy: signers[0].address,
    })
    const [design, audit] = grant.milestones
    await expect(
      ws.call('grants.milestone', { action: 'approve', milestoneId: design.id, decidedBy: signers[0].address }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/pending/) })
    await ws.call('grants.milestone', {
      action: 'submit',
      milestoneId: design.id,
      deliverableUrl: 'https://example.org/design.pdf',
    })
    const approved = await ws.call('grants.milestone', {
      action: 'approve',
      milestoneId: design.id,
      decidedBy: signers[1].address,
    })
    expect(approved.milestones[0]).toMatchObject({
      status: 'approved',
      deliverableUrl: 'https://example.org/design.pdf',
    })
    const rejected = await ws.call('grants.milestone', {
      action: 'reject',
      milestoneId: audit.id,
      decidedBy: signers[1].address,
      reason: 'scope dropped',
    })
    expect(rejected.milestones[1]).toMatchObject({ status: 'rejected', statusNote: 'scope dropped' })
    await expect(
      ws.call('grants.milestone', { action: 'paid', milestoneId: design.id } as never),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const noted = await ws.call('grants.recordOutcome', { grantId: grant.id, notes: 'Design shipped; 3 DAOs use it.' })
    expect(noted.outcomeNotes).toMatch(/3 DAOs/)
    const actions = (await ws.call('audit.list', {})).events.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['grant.milestone.submitted', 'grant.milestone.approved', 'grant.milestone.rejected']),
    )
  })
})
