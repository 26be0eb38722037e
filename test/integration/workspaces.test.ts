import { describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { boot } from '../../src/main/boot'
import type { Envelope } from '../../src/shared/errors'

// The new-workspace journey of the welcome screen through the host's own dispatcher: a named workspace, its chain
// (the expected chain id is checked) and its Safe (an address that is not a Safe is refused), on the shared sandbox.
describe('a new workspace on an existing chain', () => {
  it('refuses a wrong chain id and a non-Safe, then keeps the chain and Safe to itself', async () => {
    const shared = inject('sandbox')
    const dataDir = mkdtempSync(join(tmpdir(), 'treasury-it-workspaces-'))
    const booted = await boot({ dataDir, host: 'cli', noSandbox: true, log: () => {} })
    const call = async (name: string, input: unknown) => (await booted.api.dispatch(name, input)) as Envelope<never>
    try {
      expect((await call('workspaces.create', { name: 'Treasury ops' })).ok).toBe(true)
      const chain = { rpcUrl: shared.rpcUrl, contracts: shared.contracts }

      const wrongId = await call('chain.connect', { ...chain, expectChainId: 1 })
      expect(wrongId).toMatchObject({ ok: false, error: { code: 'CHAIN_ERROR' } })
      expect(wrongId.ok || wrongId.error.message).toMatch(/31337/)
      expect(await call('chain.connect', { ...chain, expectChainId: shared.chainId })).toMatchObject({ ok: true })

      const notSafe = await call('safe.add', { address: shared.signers[0].address })
      expect(notSafe).toMatchObject({ ok: false, error: { code: 'CHAIN_ERROR' } })
      expect(await call('safe.add', { address: shared.safeAddress, label: 'Ops Safe' })).toMatchObject({ ok: true })

      // Main knows nothing of it; back in the named workspace, it is all there.
      await call('workspaces.open', { id: 'main' })
      expect(await call('safe.list', {})).toEqual({ ok: true, value: [] })
      const ops = booted.session.list().find((w) => w.name === 'Treasury ops')!
      await call('workspaces.open', { id: ops.id })
      const safes = (await call('safe.list', {})) as Envelope<Array<{ address: string }>>
      expect(safes.ok && safes.value.map((s) => s.address)).toEqual([shared.safeAddress])
    } finally {
      await booted.close()
    }
  })
})
