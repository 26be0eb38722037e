import { afterAll, describe, expect, it } from 'vitest'
import Safe from '@safe-global/protocol-kit'
import { Contract, Wallet, parseEther } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { sandboxWorkspace } from './helpers'

describe('Safe overview on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  afterAll(() => ws.ctx.close())

  it('reads owners, threshold, nonce and balances through protocol-kit, as protocol-kit sees them', async () => {
    const overview = await ws.call('safe.overview', { refresh: true })
    const kit = await Safe.init({
      provider: ws.sandbox.rpcUrl,
      safeAddress: ws.sandbox.safeAddress,
      contractNetworks: { '31337': ws.sandbox.contracts },
    })
    expect(overview.address).toBe(ws.sandbox.safeAddress)
    expect(overview.owners).toEqual(await kit.getOwners())
    expect(overview.owners).toEqual(ws.sandbox.signers.map((s) => s.address))
    expect(overview.threshold).toBe(2)
    expect(overview.version).toBe('1.4.1')
    expect(overview.nonce).toBe(await kit.getNonce())
    const eth = overview.balances.find((b) => b.symbol === 'ETH')!
    expect(eth.balance).toBe((await kit.getBalance()).toString())
    const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
    const token = new Contract(
      ws.sandbox.token.address,
      ['function balanceOf(address) view returns (uint256)'],
      provider,
    )
    const aitbc = overview.balances.find((b) => b.symbol === 'AITBC')!
    expect(aitbc.balance).toBe(((await token.balanceOf(ws.sandbox.safeAddress)) as bigint).toString())
    provider.destroy()
  })

  it('follows the chain when the balance moves, and serves the synced state without refresh', async () => {
    const before = await ws.call('safe.overview', { refresh: true })
    const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
    const funder = new Wallet(ws.sandbox.funder.privateKey, provider)
    await (await funder.sendTransaction({ to: ws.sandbox.safeAddress, value: parseEther('1.5') })).wait()
    provider.destroy()

    const cached = await ws.call('safe.overview', {})
    expect(cached.asOf).toBe(before.asOf)
    const after = await ws.call('safe.overview', { refresh: true })
    const eth = (o: typeof after) => BigInt(o.balances.find((b) => b.symbol === 'ETH')!.balance)
    expect(eth(after) - eth(before)).toBe(parseEther('1.5'))
  })

  it('adds a Safe by address with an audited event, and refuses an address that holds no Safe', async () => {
    await expect(ws.call('safe.add', { address: ws.sandbox.funder.address })).rejects.toMatchObject({
      code: 'CHAIN_ERROR',
    })
    const events = await ws.call('audit.list', { limit: 50 })
    expect(events.events.map((e) => e.action)).not.toContain('safe.added')
    const verdict = await ws.call('audit.verify', {})
    expect(verdict.ok).toBe(true)
  })

  it('shows the last synced state, marked stale, when the chain is unreachable', async () => {
    await ws.call('safe.overview', { refresh: true })
    ws.db.prepare("UPDATE chains SET rpc_url = 'http://127.0.0.1:9' WHERE chain_id = 31337").run()
    const stale = await ws.call('safe.overview', { refresh: true })
    expect(stale.stale).toBe(true)
    expect(stale.owners).toHaveLength(3)
    ws.db.prepare('UPDATE chains SET rpc_url = ? WHERE chain_id = 31337').run(ws.sandbox.rpcUrl)
  })
})
