import { describe, expect, it } from 'vitest'
import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import type { GovernanceProposalDetail } from '../../../../shared/contract'
import { Timeline } from './GovernanceTally'
import { rulesFields } from './rules-fields'
import { clockSpan } from './format'

const rules = {
  votingDelayBlocks: 30,
  votingPeriodBlocks: 3600,
  quorumBps: 100,
  passThresholdBps: 5000,
  timelockSeconds: 0,
  gracePeriodSeconds: 86_400,
}

function detail(mode: 'timestamp' | 'blocknumber', created: number): GovernanceProposalDetail {
  return {
    rules,
    clock: { block: created, timestamp: created, mode, asOf: '2026-12-05T00:00:00.000Z', stale: false },
    timeline: {
      createdBlock: created,
      snapshotBlock: created + 30,
      endBlock: created + 3630,
      queuedAt: null,
      eta: null,
      expiresAt: null,
      executedAt: null,
    },
    implemented: null,
  } as unknown as GovernanceProposalDetail
}

describe('rule periods follow the token clock (ERC-6372)', () => {
  it('a timestamp clock labels the voting delay and period in seconds, never blocks', () => {
    const labels = rulesFields('timestamp').map((f) => f.label)
    expect(labels).toContain('Voting delay (seconds)')
    expect(labels).toContain('Voting period (seconds)')
    expect(labels.join(' ')).not.toMatch(/blocks/)
    expect(rulesFields('timestamp')[1].hint(3600)).toBe('1 h')
    expect(clockSpan(30, 'timestamp')).toBe('30 s')
    expect(clockSpan(3600, 'timestamp')).toBe('3,600 s (1 h)')
  })

  it('a block-number clock (and an unknown one) keeps blocks', () => {
    for (const mode of ['blocknumber', undefined] as const) {
      expect(rulesFields(mode)[0].label).toBe('Voting delay (blocks)')
      expect(rulesFields(mode)[1].label).toBe('Voting period (blocks)')
    }
    expect(clockSpan(7200, 'blocknumber')).toMatch(/^7,?200 blocks \(≈ 1 d\)$/)
  })

  it('the proposal timeline shows times and seconds for a timestamp clock, block numbers for a block clock', () => {
    const created = Date.UTC(2026, 11, 5, 12, 0, 0) / 1000
    const timed = renderToStaticMarkup(h(Timeline, { p: detail('timestamp', created) }))
    expect(timed).toContain('Created at <span class="mono">2026-12-05 12:00:00 UTC</span>')
    expect(timed).toContain('2026-12-05 12:00:30 UTC')
    expect(timed).toContain('(delay 30 s)')
    expect(timed).toContain('period 3,600 s (1 h)')
    expect(timed).not.toMatch(/blocks|block #/)
    const blocks = renderToStaticMarkup(h(Timeline, { p: detail('blocknumber', 120) }))
    expect(blocks).toContain('block #120')
    expect(blocks).toContain('block #150')
    expect(blocks).toMatch(/delay 30 blocks/)
  })
})
