import { afterAll, describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { sandboxWorkspace } from './helpers'

// The sandbox tutorial through the API on the real sandbox chain: each step advances only when the workspace
// shows it done (keys unlocked, the proposal's signatures, its execution, the pages seen afterwards).
const ws = sandboxWorkspace()
afterAll(() => ws.ctx.close())

describe('sandbox tutorial', () => {
  it('follows one proposal from creation to execution with the demo signers', async () => {
    expect(await ws.call('tutorial.get', {})).toMatchObject({ status: 'off', available: true, current: 'signers' })
    // An older proposal is not the tutorial's: it follows the first one created after it starts.
    const older = await ws.call('proposals.create', {
      safe: ws.sandbox.safeAddress,
      title: 'Before the tutorial',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: Wallet.createRandom().address, amount: '1' }] },
    })
    await ws.call('proposals.cancel', { id: older.id })
    let t = await ws.call('tutorial.start', {})
    expect(t).toMatchObject({ status: 'active', proposalId: null, current: 'signers' })
    expect(t.demo?.signers.map((s) => s.label)).toEqual(['Alice (demo)', 'Bob (demo)', 'Carol (demo)'])

    t = await ws.call('tutorial.useDemoSigners', {})
    expect(t.current).toBe('create')
    expect(t.demo?.signers.every((s) => s.imported && s.unlocked)).toBe(true)
    // Locked again, one click unlocks them with the demo passphrase (no second import).
    await ws.call('keys.lock', {})
    expect((await ws.call('tutorial.get', {})).current).toBe('signers')
    expect((await ws.call('tutorial.useDemoSigners', {})).current).toBe('create')

    const [alice, bob, carol] = t.demo!.signers
    const created = await ws.call('proposals.create', {
      safe: ws.sandbox.safeAddress,
      title: 'Tutorial payment',
      body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: carol.address, amount: '1000' }] },
    })
    t = await ws.call('tutorial.get', {})
    expect(t).toMatchObject({ proposalId: created.id, current: 'sign1' })
    // Seeing History before the execution does not count.
    expect((await ws.call('tutorial.seen', { page: 'history' })).current).toBe('sign1')

    await ws.call('proposals.sign', { id: created.id, signer: alice.address })
    expect((await ws.call('tutorial.get', {})).current).toBe('sign2')
    await ws.call('proposals.sign', { id: created.id, signer: bob.address })
    expect((await ws.call('tutorial.get', {})).current).toBe('execute')

    const provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    const before = await provider.getBalance(carol.address)
    await ws.call('proposals.execute', { id: created.id, executor: alice.address })
    expect((await provider.getBalance(carol.address)) - before).toBe(1000n)
    provider.destroy()
    t = await ws.call('tutorial.get', {})
    expect(t).toMatchObject({ proposalStatus: 'executed', current: 'history' })

    await ws.call('tutorial.dismiss', {})
    expect((await ws.call('tutorial.get', {})).status).toBe('dismissed')
    // Resuming keeps the same proposal.
    expect(await ws.call('tutorial.start', {})).toMatchObject({ status: 'active', proposalId: created.id })
    expect((await ws.call('tutorial.seen', { page: 'history' })).current).toBe('audit')
    t = await ws.call('tutorial.seen', { page: 'audit' })
    expect(t).toMatchObject({ status: 'done', current: null })

    const actions = ws.db
      .prepare("SELECT action FROM audit_events WHERE action LIKE 'tutorial.%' ORDER BY seq")
      .all()
      .map((r) => (r as { action: string }).action)
    expect(actions).toEqual([
      'tutorial.started',
      'tutorial.dismissed',
      'tutorial.resumed',
      'tutorial.progressed',
      'tutorial.completed',
    ])
  })

  it('has no workspace switching where one database is wired by hand', async () => {
    await expect(ws.call('workspaces.list', {})).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})
