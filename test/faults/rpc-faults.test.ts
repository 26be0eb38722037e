import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxWorkspace } from '../integration/helpers'
import { startFaultProxy, type FaultMode } from './rpc-proxy'
import { verifyAuditChain } from '../../src/main/core/audit'

// Reads must give up well before the test does; the app's default is 20 s.
process.env.TREASURY_RPC_TIMEOUT_MS = '2000'

describe('RPC faults: clear errors, no state lost, retry works', () => {
  const ws = sandboxWorkspace()
  let proxy: Awaited<ReturnType<typeof startFaultProxy>>

  beforeAll(async () => {
    proxy = await startFaultProxy(ws.sandbox.rpcUrl, 6_000)
    ws.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = 31337').run(proxy.url)
  })
  afterAll(async () => {
    await proxy.close()
    await ws.ctx.close()
  })

  const faults: Array<[FaultMode, RegExp]> = [
    ['down', /fetch failed|socket|ECONN|closed|network/i],
    ['slow', /did not answer within 2 s/],
    ['wrong-chain', /answers for chain 1, but this workspace's chain is 31337/],
    ['malformed', /./],
    ['garbage', /JSON|Unexpected token|not valid/i],
  ]

  for (const [mode, reason] of faults) {
    it(`${mode}: the last synced state is shown as stale with the reason, then a retry recovers`, async () => {
      proxy.setMode('pass')
      const fresh = await ws.call('safe.overview', { refresh: true })
      expect(fresh.stale).toBe(false)
      const eventsBefore = verifyAuditChain(ws.db).events

      proxy.setMode(mode)
      const started = Date.now()
      const stale = await ws.call('safe.overview', { refresh: true })
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(stale.stale).toBe(true)
      expect(stale.staleReason).toMatch(reason)
      expect(stale.owners).toEqual(fresh.owners)
      expect(stale.balances).toEqual(fresh.balances)

      proxy.setMode('pass')
      const retried = await ws.call('safe.overview', { refresh: true })
      expect(retried.stale).toBe(false)
      expect(verifyAuditChain(ws.db)).toMatchObject({ ok: true, events: eventsBefore })
    })
  }

  it('connecting a chain whose RPC is down or lies is refused with a clear error, and nothing is written', async () => {
    const before = verifyAuditChain(ws.db).events
    proxy.setMode('down')
    await expect(ws.call('chain.connect', { rpcUrl: proxy.url })).rejects.toMatchObject({ code: 'CHAIN_ERROR' })
    proxy.setMode('garbage')
    await expect(ws.call('chain.connect', { rpcUrl: proxy.url })).rejects.toMatchObject({ code: 'CHAIN_ERROR' })
    proxy.setMode('pass')
    expect(verifyAuditChain(ws.db).events).toBe(before)
    expect(ws.db.prepare('SELECT count(*) AS n FROM chains').get()).toEqual({ n: 1 })
  })

  it('a safe.overview with no synced state yet and a dead RPC is a CHAIN_ERROR, not a crash', async () => {
    ws.db.prepare('UPDATE safes SET snapshot = NULL, synced_at = NULL').run()
    proxy.setMode('down')
    await expect(ws.call('safe.overview', { refresh: true })).rejects.toMatchObject({ code: 'CHAIN_ERROR' })
    proxy.setMode('pass')
  })
})
