import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { VIEM_SAFE_TX_TYPES } from '../independent/viem-safe-tx'
import { sandboxWorkspace } from './helpers'
import { executeSafeTx } from './disbursements-chain'
import { listAuditEvents } from '../../src/main/core/audit'

/*
 * Issue #14: a signature for a request whose Safe transaction already executed is refused on every path — the Sign
 * page's local signing, a signature file imported alone or in a folder — as the proposal path already refuses it.
 * The transaction is executed on the sandbox Safe by a script of the test (not by the app), so only the chain tells.
 */

const RECIPIENT = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955'
/** The Safe's EIP-712 types of the independent (viem) side: the signature is made without the app's code. */
const SAFE_TX_TYPES = { SafeTx: [...VIEM_SAFE_TX_TYPES.SafeTx] }

describe('signatures for an executed transaction', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, safeAddress, rpcUrl, chainId } = ws.sandbox
  const [alice, bob, carol] = signers
  const sigCount = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number }).n
  const snapshot = () => ({ events: listAuditEvents(ws.db, { limit: 1000 }).length, signatures: sigCount() })

  beforeAll(async () => {
    await ws.call('keys.importSandboxSigners', { passphrase: 'sandbox demo passphrase' })
  })
  afterAll(() => ws.ctx.close())

  it('is refused by local signing and by signature files once the Safe executed it, storing nothing', async () => {
    const made = await ws.call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '1000' },
    })
    const hash = made.request.safeTxHash
    await ws.call('signing.sign', { safeTxHash: hash, signer: alice.address })
    await ws.call('signing.sign', { safeTxHash: hash, signer: bob.address })
    // Carol's signature, made while the transaction was still pending, arrives after the execution.
    const bundle = JSON.stringify({
      type: 'aitbc-treasury/signature',
      version: 1,
      chainId,
      safe: safeAddress,
      safeTxHash: hash,
      signer: carol.address,
      signature: await new Wallet(carol.privateKey).signTypedData(
        { chainId, verifyingContract: safeAddress },
        SAFE_TX_TYPES,
        made.request.safeTx,
      ),
      signedAt: new Date().toISOString(),
    })

    const receipt = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: made.request.safeTx,
      signerKeys: [alice.privateKey, bob.privateKey],
      executorKey: funder.privateKey,
    })
    expect(receipt.status).toBe(1)

    const before = snapshot()
    const executed = { code: 'CONFLICT', message: expect.stringMatching(/nonce \d+ is already used.*can never count/) }
    await expect(ws.call('signing.sign', { safeTxHash: hash, signer: carol.address })).rejects.toMatchObject(executed)
    await expect(
      ws.call('signing.sign', { safeTxHash: hash, signer: carol.address, acceptWarnings: true }),
    ).rejects.toMatchObject(executed)
    await expect(ws.call('signing.import', { text: bundle })).rejects.toMatchObject(executed)
    await expect(ws.call('signing.importSignatures', { texts: [bundle], names: ['carol.json'] })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
        message: expect.stringMatching(/^carol\.json: .*nonce \d+ is already used/),
      },
    )
    expect(snapshot()).toEqual(before)
  })
})
