import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEther, parseUnits } from 'ethers'
import { councilAct, sandboxWorkspace } from './helpers'

describe('budgets through the API', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token } = ws.sandbox
  let periodId: number
  afterAll(() => ws.ctx.close())

  beforeAll(async () => {
    await ws.call('safe.overview', { refresh: true })
    periodId = (
      await ws.call('budgets.createPeriod', { name: '2026-Q4', startsOn: '2026-10-01', endsOn: '2026-12-31' })
    ).id
  })

  it('creates lines per category and token from the workspace tokens only', async () => {
    const research = await ws.call('budgets.createLine', {
      periodId,
      category: 'research',
      token: token.address,
      allocation: parseUnits('1000', 18).toString(),
    })
    expect(research).toMatchObject({ symbol: 'AITBC', decimals: 18, allocated: parseUnits('1000', 18).toString() })
    await expect(
      ws.call('budgets.createLine', {
        periodId,
        category: 'research',
        token: '0x000000000000000000000000000000000000dEaD',
        allocation: '1',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(
      ws.call('budgets.createLine', { periodId, category: 'research', token: token.address, allocation: '1' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      ws.call('budgets.createPeriod', { name: '2026-Q4', startsOn: '2026-10-01', endsOn: '2026-12-31' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(
      ws.call('budgets.createPeriod', { name: 'Backwards', startsOn: '2026-10-01', endsOn: '2026-09-30' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
  })

  it('reallocates only as a council decision with a reason, within what remains and the same token', async () => {
    const lines = (await ws.call('budgets.overview', { periodId })).lines
    const research = lines.find((l) => l.category === 'research')!
    const community = await ws.call('budgets.createLine', {
      periodId,
      category: 'community',
      token: token.address,
      allocation: '0',
    })
    const eth = await ws.call('budgets.createLine', {
      periodId,
      category: 'community',
      token: 'native',
      allocation: parseEther('1').toString(),
    })
    const move = { fromLineId: research.id, toLineId: community.id, amount: parseUnits('250', 18).toString() }
    const reallocate = (content: object, who = signers[0]) => councilAct(ws, 'budget-reallocation', content, [who])
    await expect(reallocate({ ...move, reason: 'events' }, funder)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(reallocate({ ...move, reason: '' })).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(reallocate({ ...move, toLineId: eth.id, reason: 'events' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/same token/),
    })
    await expect(
      reallocate({ ...move, amount: parseUnits('1001', 18).toString(), reason: 'too much' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })

    await reallocate({ ...move, reason: 'community events need more' })
    const after = await ws.call('budgets.overview', { periodId })
    const byId = new Map(after.lines.map((l) => [l.id, l]))
    expect(byId.get(research.id)!.allocated).toBe(parseUnits('750', 18).toString())
    expect(byId.get(research.id)!.initialAllocation).toBe(parseUnits('1000', 18).toString())
    expect(byId.get(community.id)!.allocated).toBe(parseUnits('250', 18).toString())
    expect(after.reallocations).toEqual([
      expect.objectContaining({ reason: 'community events need more', decidedBy: signers[0].address }),
    ])
    const event = (await ws.call('audit.list', {})).events.find((e) => e.action === 'budget.reallocated')!
    expect(event.payload).toMatchObject({ reason: 'community events need more', decidedBy: [signers[0].address] })
  })

  it('exports budget vs actual as CSV', async () => {
    const { fileName, csv } = await ws.call('budgets.exportCsv', { periodId })
    expect(fileName).toBe('budget-vs-actual-2026-Q4.csv')
    expect(csv.split('\n')[0]).toMatch(/^period,category,token,symbol,allocated,committed,spent,remaining/)
    expect(csv).toContain('2026-Q4,research,' + token.address + ',AITBC,750.0,0.0,0.0,750.0')
  })
})
