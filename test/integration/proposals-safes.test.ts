import { afterAll, describe, expect, it } from 'vitest'
import { KeyStore } from '../../src/main/core/keys'
import { Contract, Wallet, parseEther, parseUnits } from 'ethers'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rpcProvider } from '../../src/main/core/chain'
import { signSafeTx } from '../../src/main/core/signing/safe-tx'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi } from '../../src/main/api'
import { sandboxWorkspace } from './helpers'

const ws = sandboxWorkspace()
const { signers, safeAddress: SAFE, token, funder } = ws.sandbox
const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
afterAll(async () => {
  provider.destroy()
  await ws.ctx.close()
})

async function sign(id: number, safe: string, ...indexes: number[]) {
  const detail = await ws.call('proposals.get', { id })
  for (const i of indexes)
    await ws.call('proposals.addSignature', {
      id,
      signature: await signSafeTx(new Wallet(signers[i].privateKey), 31337, safe, detail.safeTx),
    })
}

describe('Safes: deploy, owners, modules', () => {
  it('overview shows modules, guard and fallback handler', async () => {
    const overview = await ws.call('safe.overview', { refresh: true })
    // The shared sandbox's Safe may have gained a module in another file (the Governor's): compare with the chain.
    const safe = new Contract(
      SAFE,
      ['function getModulesPaginated(address,uint256) view returns (address[], address)'],
      provider,
    )
    const [onChain] = (await safe.getModulesPaginated('0x0000000000000000000000000000000000000001', 10)) as [string[]]
    expect(overview.modules).toEqual([...onChain])
    expect(overview.guard).toBeNull()
    expect(overview.fallbackHandler).toBe(ws.sandbox.contracts.fallbackHandlerAddress)
  })

  it('deploys a new 1-of-2 Safe paid by the sandbox node account, then changes its owners by proposal', async () => {
    const owners = [signers[0].address, signers[1].address]
    const deployed = await ws.call('safe.deploy', {
      owners,
      threshold: 1,
      saltNonce: String(Date.now()),
      label: 'Grants Safe',
    })
    expect(deployed).toMatchObject({
      owners,
      threshold: 1,
      nonce: 0,
      version: '1.4.1',
      label: 'Grants Safe',
      payerKind: 'sandbox_node_account',
      payer: funder.address,
    })
    expect(await provider.getCode(deployed.address)).not.toBe('0x')
    expect((await ws.call('safe.list', {})).map((s) => s.address)).toContain(deployed.address)
    const audit = await ws.call('audit.list', { limit: 5 })
    expect(audit.events[0]).toMatchObject({
      action: 'safe.deployed',
      payload: expect.objectContaining({ txHash: deployed.txHash, payerKind: 'sandbox node account' }),
    })

    // Add a third owner and raise the threshold to 2.
    const add = await ws.call('proposals.create', {
      safe: deployed.address,
      title: 'Add Carol, 2 of 3',
      category: 'Governance',
      body: { type: 'owner_change', change: { change: 'add_owner', owner: signers[2].address, threshold: 2 } },
    })
    expect(add).toMatchObject({ kind: 'owner_change', threshold: 1, nonce: 0 })
    expect(add.actions).toEqual([
      expect.objectContaining({ change: 'add_owner', owner: signers[2].address, threshold: 2 }),
    ])
    await sign(add.id, deployed.address, 1)
    const done = await ws.call('proposals.execute', { id: add.id })
    expect(done.status).toBe('executed')
    const after = await ws.call('safe.overview', { address: deployed.address, refresh: true })
    expect(after.owners).toEqual(expect.arrayContaining([...owners, signers[2].address]))
    expect(after.threshold).toBe(2)

    // A remove built against the current owner list (prevOwner from the linked list).
    const remove = await ws.call('proposals.create', {
      safe: deployed.address,
      title: 'Remove Alice',
      body: { type: 'owner_change', change: { change: 'remove_owner', owner: signers[0].address, threshold: 2 } },
    })
    await sign(remove.id, deployed.address, 1, 2)
    expect((await ws.call('proposals.execute', { id: remove.id })).status).toBe('executed')
    expect((await ws.call('safe.overview', { address: deployed.address })).owners).not.toContain(signers[0].address)

    // A change that makes no sense is refused before anything is stored.
    await expect(
      ws.call('proposals.create', {
        safe: deployed.address,
        title: 'Threshold 5',
        body: { type: 'owner_change', change: { change: 'change_threshold', threshold: 5 } },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/exceeds 2 owners/) })
  })

  it('refuses a deployment whose threshold exceeds its owners, and one without a payer off the sandbox', async () => {
    await expect(ws.call('safe.deploy', { owners: [signers[0].address], threshold: 2 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
  })
})

describe('Transaction Builder files', () => {
  const recipient = Wallet.createRandom().address
  const rawBatch = () => ({
    version: '1.0',
    chainId: '31337',
    createdAt: 1700000000000,
    meta: {
      name: 'Raw batch',
      description: 'two transfers',
      txBuilderVersion: '1.16.5',
      createdFromSafeAddress: SAFE,
      createdFromOwnerAddress: '',
    },
    transactions: [
      {
        to: recipient,
        value: parseEther('0.5').toString(),
        data: null,
        contractMethod: null,
        contractInputsValues: null,
      },
      {
        to: token.address,
        value: '0',
        data: new Contract(token.address, ['function transfer(address,uint256)']).interface.encodeFunctionData(
          'transfer',
          [recipient, parseUnits('3', 18)],
        ),
        contractMethod: null,
        contractInputsValues: null,
      },
    ],
  })
  const methodBatch = () => ({
    version: '1.0',
    chainId: '31337',
    createdAt: 1700000000000,
    meta: {
      name: 'Method batch',
      description: '',
      txBuilderVersion: '1.16.5',
      createdFromSafeAddress: SAFE,
      createdFromOwnerAddress: '',
    },
    transactions: [
      {
        to: token.address,
        value: '0',
        data: null,
        contractMethod: {
          inputs: [
            { internalType: 'address', name: 'to', type: 'address' },
            { internalType: 'uint256', name: 'amount', type: 'uint256' },
          ],
          name: 'transfer',
          payable: false,
        },
        contractInputsValues: { to: recipient, amount: parseUnits('4', 18).toString() },
      },
      {
        to: token.address,
        value: '0',
        data: null,
        contractMethod: {
          inputs: [{ internalType: 'address', name: 'delegatee', type: 'address' }],
          name: 'delegate',
          payable: false,
        },
        contractInputsValues: { delegatee: SAFE },
      },
    ],
  })

  it('imports the raw-data form: preview first, then one batch proposal; exports it back', async () => {
    const json = JSON.stringify(rawBatch(), null, 2)
    const dry = await ws.call('proposals.importTxBuilder', { safe: SAFE, json, dryRun: true })
    expect(dry.proposal).toBeNull()
    expect(dry.preview.parts.map((p) => p.type)).toEqual(['eth_transfer', 'erc20_transfer'])
    const before = await ws.call('proposals.list', { view: 'all' })
    const imported = await ws.call('proposals.importTxBuilder', { safe: SAFE, json, category: 'Grants' })
    expect(imported.proposal).toMatchObject({ kind: 'batch', title: 'Raw batch', parts: 2, category: 'Grants' })
    expect((await ws.call('proposals.list', { view: 'all' })).total).toBe(before.total + 1)
    const exported = await ws.call('proposals.exportTxBuilder', { id: imported.proposal!.id })
    const batch = JSON.parse(exported.json)
    expect(batch).toMatchObject({ version: '1.0', chainId: '31337', meta: { createdFromSafeAddress: SAFE } })
    expect(batch.meta.checksum).toMatch(/^0x[0-9a-f]{64}$/)
    expect(batch.transactions[1].contractMethod.name).toBe('transfer')
    // What we export, we import again: same transaction, so it is recognised as a duplicate.
    await expect(
      ws.call('proposals.importTxBuilder', { safe: SAFE, json: exported.json, nonce: imported.proposal!.nonce }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    const reimport = await ws.call('proposals.importTxBuilder', { safe: SAFE, json: exported.json, dryRun: true })
    expect(reimport.preview.checksumOk).toBe(true)
  })

  it('imports the contractMethod form, signs, executes it', async () => {
    const imported = await ws.call('proposals.importTxBuilder', { safe: SAFE, json: JSON.stringify(methodBatch()) })
    const p = imported.proposal!
    expect(p.actions[0]).toMatchObject({
      type: 'erc20_transfer',
      to: recipient,
      amount: parseUnits('4', 18).toString(),
    })
    expect(p.actions[1]).toMatchObject({
      type: 'contract_call',
      method: 'delegate(address)',
      args: [{ name: 'delegatee', type: 'address', value: SAFE }],
    })
    await ws.call('proposals.sync', {})
    const queue = await ws.call('proposals.list', { view: 'queue', safe: SAFE })
    for (const row of queue.rows) if (row.id !== p.id) await ws.call('proposals.cancel', { id: row.id })
    await ws.call('proposals.update', { id: p.id, title: 'Delegate the treasury votes' })
    // Re-propose on the current nonce when cancelled ones sat before it.
    const detail = await ws.call('proposals.get', { id: p.id })
    const onChain = (await ws.call('safe.overview', { refresh: true })).nonce
    let id = p.id
    if (detail.nonce !== onChain) {
      await ws.call('proposals.cancel', { id: p.id })
      id = (
        await ws.call('proposals.importTxBuilder', { safe: SAFE, json: JSON.stringify(methodBatch()), nonce: onChain })
      ).proposal!.id
    }
    await sign(id, SAFE, 0, 1)
    expect((await ws.call('proposals.execute', { id })).status).toBe('executed')
    const votes = new Contract(token.address, ['function delegates(address) view returns (address)'], provider)
    expect(await votes.delegates(SAFE)).toBe(SAFE)
  })

  it('refuses bad files naming the line and field, and writes nothing', async () => {
    const count = (await ws.call('proposals.list', { view: 'all' })).total
    const events = (await ws.call('audit.list', { limit: 1 })).total
    const bad = rawBatch()
    bad.transactions[1].to = '0x1234'
    const text = JSON.stringify(bad, null, 2)
    const line = text.split('\n').findIndex((l) => l.includes('"0x1234"')) + 1
    await expect(ws.call('proposals.importTxBuilder', { safe: SAFE, json: text })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining(`line ${line}, transactions[1].to: not an address`),
      details: { line, path: 'transactions[1].to' },
    })
    const m = methodBatch()
    m.transactions[0].contractInputsValues = { to: recipient, amount: '12.5' } as never
    const mText = JSON.stringify(m, null, 2)
    const mLine = mText.split('\n').findIndex((l) => l.includes('"12.5"')) + 1
    await expect(ws.call('proposals.importTxBuilder', { safe: SAFE, json: mText })).rejects.toMatchObject({
      message: expect.stringContaining(
        `line ${mLine}, transactions[0].contractInputsValues.amount: "12.5" is not an integer`,
      ),
    })
    await expect(
      ws.call('proposals.importTxBuilder', {
        safe: SAFE,
        json: '{\n  "version": "1.0",\n  "chainId": 31337,\n  oops\n}',
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('line 4'),
    })
    const other = rawBatch()
    other.chainId = '1'
    await expect(
      ws.call('proposals.importTxBuilder', { safe: SAFE, json: JSON.stringify(other, null, 2) }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('line 3, chainId: the batch is for chain 1'),
    })
    expect((await ws.call('proposals.list', { view: 'all' })).total).toBe(count)
    expect((await ws.call('audit.list', { limit: 1 })).total).toBe(events)
  })
})

describe('address book', () => {
  it('labels addresses, imports and exports Safe{Wallet} CSV, refuses a bad row by line', async () => {
    const labels = async () =>
      Object.fromEntries((await ws.call('addressbook.list', {})).map((e) => [e.address, e.label]))
    // The sandbox names its demo signers.
    expect((await labels())[signers[1].address]).toBe('Bob (demo)')
    await ws.call('addressbook.set', { address: signers[0].address, label: 'Alice (council)' })
    const vendor = Wallet.createRandom().address
    const csv = `address,name,chainId\n${vendor},Vendor,31337\n${signers[0].address},Alice,31337\n${signers[1].address},Bob (demo),31337\n`
    const dry = await ws.call('addressbook.importCsv', { csv, dryRun: true })
    expect(dry).toMatchObject({
      dryRun: true,
      added: [expect.objectContaining({ address: vendor, label: 'Vendor' })],
      updated: [expect.objectContaining({ label: 'Alice', previous: 'Alice (council)' })],
      unchanged: 1,
    })
    expect((await labels())[vendor]).toBeUndefined()
    await ws.call('addressbook.importCsv', { csv })
    expect(await labels()).toMatchObject({ [vendor]: 'Vendor', [signers[0].address]: 'Alice' })
    const before = await labels()
    const bad = `address,name,chainId\n${signers[2].address},Carol,31337\n0xnothex,Dan,31337\n`
    await expect(ws.call('addressbook.importCsv', { csv: bad })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^Line 3, address/),
    })
    expect(await labels()).toEqual(before)
    const out = await ws.call('addressbook.exportCsv', {})
    expect(out.csv.split('\n')[0]).toBe('address,name,chainId')
    expect(out.csv).toContain(`${vendor},Vendor,31337`)
  })
})

describe('chains by RPC URL', () => {
  it('refuses an unknown chain without contract addresses, and accepts it with them once their code is checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-chain-'))
    const ctx = createContext(openDatabase(join(dir, 'w.sqlite')), 'cli', 'test')
    const api = createApi({
      ctx,
      sandbox: createSandboxController(
        ctx,
        () => {},
        () => Promise.reject(new Error('none')),
      ),
      keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unused-keys') }),
    })
    const bare = await api.dispatch('chain.connect', { rpcUrl: ws.sandbox.rpcUrl })
    expect(bare).toMatchObject({
      ok: false,
      // Not a chain error: the chain answered; the app needs the addresses of its Safe contracts.
      error: {
        code: 'BAD_INPUT',
        message: expect.stringMatching(/not in safe-deployments/),
        details: { needsContracts: true },
      },
    })
    const wrongId = await api.dispatch('chain.connect', {
      rpcUrl: ws.sandbox.rpcUrl,
      contracts: ws.sandbox.contracts,
      expectChainId: 1,
    })
    expect(wrongId).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/reports chain 31337, not 1/) },
    })
    const noCode = await api.dispatch('chain.connect', {
      rpcUrl: ws.sandbox.rpcUrl,
      contracts: { ...ws.sandbox.contracts, multiSendAddress: Wallet.createRandom().address },
    })
    expect(noCode).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/hold no contract code .* MultiSend 0x/) },
    })
    const ok = await api.dispatch('chain.connect', {
      rpcUrl: ws.sandbox.rpcUrl,
      name: 'Local',
      contracts: ws.sandbox.contracts,
    })
    expect(ok).toMatchObject({ ok: true, value: { chainId: 31337, contracts: 'custom' } })
    const added = await api.dispatch('safe.add', { address: SAFE })
    expect(added).toMatchObject({ ok: true, value: { threshold: 2 } })
    await ctx.close()
  })
})

describe('hostile input to the proposal and address-book calls', () => {
  it('gets typed errors, never INTERNAL, and leaves the audit chain intact', async () => {
    const names = [
      'proposals.list',
      'proposals.get',
      'proposals.create',
      'proposals.update',
      'proposals.submit',
      'proposals.cancel',
      'proposals.reject',
      'proposals.addSignature',
      'proposals.sign',
      'proposals.simulate',
      'proposals.execute',
      'proposals.sync',
      'proposals.importTxBuilder',
      'proposals.exportTxBuilder',
      'addressbook.list',
      'addressbook.set',
      'addressbook.remove',
      'addressbook.importCsv',
      'addressbook.exportCsv',
    ]
    const zero = '0x0000000000000000000000000000000000000000'
    const inputs: unknown[] = [
      null,
      {},
      { id: 1 },
      { id: 999_999 },
      { id: 1, signature: '0x' + 'ff'.repeat(65) },
      { id: 1, signature: '0x' + '00'.repeat(64) + '01' },
      { id: 1, signer: zero },
      { id: 1, title: '' },
      { safe: zero, json: '{}' },
      { safe: SAFE, json: 'x'.repeat(300_000) },
      { safe: SAFE, json: 'null' },
      { safe: SAFE, json: '{"transactions": [{"to": {"__proto__": 1}}]}' },
      {
        safe: SAFE,
        title: 'x',
        body: { type: 'transactions', parts: [{ type: 'contract_call', to: zero, abi: '[', method: 'f' }] },
      },
      {
        safe: zero,
        title: 'x',
        body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: zero, amount: '1' }] },
      },
      {
        safe: SAFE,
        title: 'x',
        body: { type: 'owner_change', change: { change: 'remove_owner', owner: zero, threshold: 1 } },
      },
      { address: zero, label: '\u202e' },
      { csv: '\u0000,\u0000\n' },
      { csv: 'address,name\n' + `${zero},=cmd\n`.repeat(3) },
      { view: 'queue', offset: 9_007_199_254_740_991, search: "%'; DROP TABLE proposals; --" },
    ]
    for (const name of names)
      for (const input of inputs) {
        const result = await ws.api.dispatch(name, input)
        if (!result.ok)
          expect(result.error.code, `${name} ${JSON.stringify(input)?.slice(0, 80)}: ${result.error.message}`).not.toBe(
            'INTERNAL',
          )
      }
    expect((await ws.call('audit.verify', {})).ok).toBe(true)
  })
})
