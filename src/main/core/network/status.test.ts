import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { saveChain } from '../chain'
import { RpcTimeoutError } from '../chain/timeout'
import { networkStatus } from './status'

function withChain(chainId: number) {
  const db = openDatabase(':memory:')
  saveChain(db, { chainId, name: 'Test', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
  return db
}

describe('network status', () => {
  it('says no chain when the workspace has none', async () => {
    const status = await networkStatus(openDatabase(':memory:'))
    expect(status.state).toBe('no_chain')
  })

  it('is online when the RPC answers the workspace chain id', async () => {
    const status = await networkStatus(withChain(31337), async () => 31337)
    expect(status).toMatchObject({ state: 'online', chainId: 31337, isSandbox: true, reason: null })
    expect(status.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it('is offline, with a reason, on a timeout, a refused connection or another chain', async () => {
    const slow = await networkStatus(withChain(31337), async () => {
      throw new RpcTimeoutError(5000)
    })
    expect(slow).toMatchObject({ state: 'offline', reason: 'The RPC did not answer within 5 s.' })
    const refused = await networkStatus(withChain(31337), async () => {
      throw new Error('fetch failed')
    })
    expect(refused.reason).toMatch(/not reachable \(fetch failed\)/)
    const other = await networkStatus(withChain(31337), async () => 1)
    expect(other).toMatchObject({ state: 'offline' })
    expect(other.reason).toMatch(/chain 1, not 31337/)
  })

  it('is offline against a port nobody listens on (a real fetch)', async () => {
    const status = await networkStatus(withChain(31337))
    expect(status.state).toBe('offline')
  })

  it('probes each chain on its own: one chain offline leaves the other online', async () => {
    const db = withChain(1337)
    saveChain(db, {
      chainId: 412346,
      name: 'L2',
      rpcUrl: 'http://127.0.0.1:2',
      isSandbox: false,
      contractNetwork: null,
    })
    const status = await networkStatus(db, async (url) => {
      if (url.endsWith(':1')) throw new Error('fetch failed')
      return 412346
    })
    // The chain connected last is the active one: it answers, so the workspace is online.
    expect(status).toMatchObject({ state: 'online', chainId: 412346 })
    expect(status.chains?.map((c) => [c.chainId, c.state])).toEqual([
      [1337, 'offline'],
      [412346, 'online'],
    ])
    expect(status.chains?.[0].reason).toMatch(/not reachable/)
  })
})
