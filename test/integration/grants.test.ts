import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUnits } from 'ethers'
import { councilAct, sandboxWorkspace } from './helpers'

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
      councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'looks good' }, [signers[0]]),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/evaluated/) })
    const scores = criteria.map((c, i) => ({ criterionId: c.id, score: 9 - i * 3 }))
    await expect(councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores }, [funder])).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/is not a council member/),
    })
    await expect(
      councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores: scores.slice(0, 1) }, [signers[0]]),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/missing "Team"/) })
    await councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores }, [signers[0]])
    await expect(councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores }, [signers[0]])).rejects.toMatchObject(
      { code: 'CONFLICT' },
    )
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: criteria.map((c) => ({ criterionId: c.id, score: 5 })) },
      [signers[1]],
    )
    const evaluated = await ws.call('grants.get', { grantId: grant.id })
    expect(evaluated.evaluations.map((e) => e.weightedScore)).toEqual([8, 5])
    expect(evaluated.score).toBe(6.5)

    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'strong novelty' }, [
      signers[1],
    ])
    expect(await ws.call('grants.get', { grantId: grant.id })).toMatchObject({
      status: 'approved',
      decidedBy: signers[1].address,
      decisionReason: 'strong novelty',
    })
    await expect(
      councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'reject', reason: 'changed mind' }, [signers[0]]),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('moves milestones pending → submitted → approved or rejected, never to paid by hand', async () => {
    const grant = await apply()
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: criteria.map((c) => ({ criterionId: c.id, score: 6 })) },
      [signers[0]],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'fine work' }, [
      signers[0],
    ])
    const [design, audit] = grant.milestones
    await expect(
      councilAct(ws, 'milestone-decision', { milestoneId: design.id, decision: 'approve' }, [signers[0]]),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/pending/) })
    await ws.call('grants.milestone', {
      action: 'submit',
      milestoneId: design.id,
      deliverableUrl: 'https://example.org/design.pdf',
    })
    await councilAct(ws, 'milestone-decision', { milestoneId: design.id, decision: 'approve' }, [signers[1]])
    const approved = await ws.call('grants.get', { grantId: grant.id })
    expect(approved.milestones[0]).toMatchObject({
      status: 'approved',
      deliverableUrl: 'https://example.org/design.pdf',
    })
    await councilAct(ws, 'milestone-decision', { milestoneId: audit.id, decision: 'reject', note: 'scope dropped' }, [
      signers[1],
    ])
    const rejected = await ws.call('grants.get', { grantId: grant.id })
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
