import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, Interface } from 'ethers'
import { boot, type Booted } from '../../src/main/boot'
import { rpcProvider } from '../../src/main/core/chain'
import { protocolKit } from '../../src/main/core/safe/kit'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { SafeTx } from '../../src/shared/contract/safe-tx'
import { startForeignChains, type ForeignChains } from '../foreign/chains'
import { startTxServiceStandIn, type TxServiceStandIn } from '../standin/tx-service'
import { safeWalletUser } from '../standin/safe-wallet'

// The shared queue on a treasury the app did not set up: Safe v1.3.0 (3 of 5, L1 singleton, whose ExecutionSuccess
// carries the hash in its data) on a devnet with chain id 1337. A Safe{Wallet} user proposes a MultiSendCallOnly
// batch there; the app pulls it decoded, its owner adds the third signature here, posts it, and executes.

let chains: ForeignChains
let booted: Booted
let standIn: TxServiceStandIn

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await booted.api.dispatch(name, input)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value as CallOutput<N>
}

beforeAll(async () => {
  chains = await startForeignChains()
  booted = await boot({
    dataDir: mkdtempSync(join(tmpdir(), 'treasury-it-txservice-')),
    host: 'cli',
    noSandbox: true,
    log: () => {},
  })
  standIn = await startTxServiceStandIn({ rpcUrl: chains.l1.rpcUrl, chainId: chains.l1.chainId })
}, 180_000)

afterAll(async () => {
  await standIn?.close()
  await booted?.close()
  await chains?.stop()
})

describe('the Safe Transaction Service on a foreign chain with Safe v1.3.0', () => {
  it('pulls a Safe{Wallet} batch decoded, adds and posts a local signature, executes, and the service sees it executed', async () => {
    const { l1 } = chains
    const [o0, o1, o2] = l1.safe.owners
    await call('workspaces.create', { name: 'Foreign DAO' })
    await call('chain.connect', { rpcUrl: l1.rpcUrl, expectChainId: 1337, name: 'Devnet L1', contracts: l1.contracts })
    await call('safe.add', { address: l1.safe.address, label: 'Treasury' })
    await call('txservice.configure', { url: standIn.url })

    const provider = rpcProvider(l1.rpcUrl, l1.chainId)
    const safe = new Contract(l1.safe.address, ['function nonce() view returns (uint256)'], provider)
    const nonce = Number(await safe.nonce())
    const [r1, r2] = l1.recipients
    const packed = protocolKit().encodeMultiSendData([
      { to: r1, value: '1000', data: '0x', operation: 0 },
      { to: r2, value: '2000', data: '0x', operation: 0 },
    ])
    const zero = '0x0000000000000000000000000000000000000000'
    const batch: SafeTx = {
      to: l1.contracts.multiSendCallOnlyAddress,
      value: '0',
      data: new Interface(['function multiSend(bytes)']).encodeFunctionData('multiSend', [packed]) as SafeTx['data'],
      operation: 1,
      safeTxGas: '0',
      baseGas: '0',
      gasPrice: '0',
      gasToken: zero,
      refundReceiver: zero,
      nonce: String(nonce),
    }
    const user = safeWalletUser({ serviceUrl: standIn.url, chainId: l1.chainId, safe: l1.safe.address })
    const hash = await user.propose(o1, batch)
    await user.confirm(o2.privateKey, batch)

    const pulled = await call('txservice.pull', {})
    expect(pulled).toMatchObject({ added: [expect.any(Number)], signaturesAdded: 2, refused: [] })
    const p = await call('proposals.get', { id: pulled.added[0] })
    expect(p).toMatchObject({
      safeTxHash: hash,
      kind: 'batch',
      multiSend: l1.contracts.multiSendCallOnlyAddress,
      signatureCount: 2,
      threshold: 3,
      actions: [
        { type: 'eth_transfer', to: r1, amount: '1000' },
        { type: 'eth_transfer', to: r2, amount: '2000' },
      ],
    })

    // The third owner signs here with a key in the app; the signature goes to the service as a confirmation.
    await call('keys.import', {
      label: 'Owner 0',
      passphrase: 'owner zero pass',
      source: { kind: 'privateKey', privateKey: o0.privateKey },
    })
    await call('keys.unlock', { address: o0.address, passphrase: 'owner zero pass' })
    expect((await call('proposals.sign', { id: p.id, signer: o0.address })).status).toBe('ready')
    expect(await call('txservice.push', {})).toMatchObject({ delivered: 1, failed: 0 })
    expect((await standIn.transaction(hash))!.confirmations.map((c) => c.owner).sort()).toEqual(
      [o0.address, o1.address, o2.address].sort(),
    )
    const status = await call('txservice.status', {})
    expect(
      status.outbox
        .filter((o) => o.safeTxHash === hash)
        .map((o) => [o.signer, o.postedAs])
        .sort(),
    ).toEqual(
      [
        [o0.address, 'confirmation'],
        [o1.address, 'already_there'],
        [o2.address, 'already_there'],
      ].sort(),
    )

    const before = [await provider.getBalance(r1), await provider.getBalance(r2)]
    const executed = await call('proposals.execute', { id: p.id, executor: o0.address })
    expect(executed.status).toBe('executed')
    expect(await provider.getBalance(r1)).toBe(before[0] + 1000n)
    expect(await provider.getBalance(r2)).toBe(before[1] + 2000n)
    expect(await standIn.transaction(hash)).toMatchObject({
      isExecuted: true,
      transactionHash: executed.executions[0].txHash,
    })
    provider.destroy()
  })
})
