import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Safe from '@safe-global/protocol-kit'
import { Contract, Wallet, ZeroAddress, encryptKeystoreJson, parseUnits } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { SANDBOX_MNEMONIC } from '../../src/main/core/sandbox'
import { listSignatures, packSignatures, signSafeTx, splitQrParts } from '../../src/main/core/signing'
import { listAuditEvents } from '../../src/main/core/audit'
import { createApi } from '../../src/main/api'
import type { CallInput, CallName, CallOutput, RequestView } from '../../src/shared/contract'
import { VIEM_SAFE_TX_TYPES } from '../independent/viem-safe-tx'
import { sandboxWorkspace } from './helpers'

const root = join(__dirname, '..', '..')
const PASSPHRASE = 'sandbox demo passphrase'
const FILE_PASSPHRASE = 'offline keystore pass'
/** Hardhat #5: a funded account that is not an owner of the demo Safe. */
const OUTSIDER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba'
const RECIPIENT = '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955' // hardhat #7

/** Runs the real CLI (src/cli/main.ts through tsx), as an air-gapped signer would: no workspace, no network. */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        join(root, 'src/cli/main.ts'),
        '--data-dir',
        join(cwd, 'none'),
        ...args,
      ],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('air-gapped signing on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const seen: string[] = [] // every API envelope and log line of this run, grepped for key material at the end
  const api = createApi(ws.services, (line) => seen.push(line))
  const files = mkdtempSync(join(tmpdir(), 'treasury-signing-'))
  const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
  const [alice, bob, carol] = ws.sandbox.signers

  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const envelope = await api.dispatch(name, input)
    seen.push(JSON.stringify(envelope))
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
    return envelope.value as CallOutput<N>
  }

  async function refused(input: CallInput<'signing.import'>, pattern: RegExp, code = 'BAD_INPUT') {
    const before = { events: listAuditEvents(ws.db, { limit: 500 }).length, sigs: countAll() }
    await expect(call('signing.import', input)).rejects.toMatchObject({ code, message: expect.stringMatching(pattern) })
    expect({ events: listAuditEvents(ws.db, { limit: 500 }).length, sigs: countAll() }).toEqual(before)
  }
  const countAll = () => (ws.db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number }).n

  let request: RequestView
  let requestFile: string

  beforeAll(async () => {
    const state = await call('keys.importSandboxSigners', { passphrase: PASSPHRASE })
    expect(state.signers.map((s) => s.label)).toEqual(['Alice (demo)', 'Bob (demo)', 'Carol (demo)'])
  })

  afterAll(async () => {
    provider.destroy()
    await ws.ctx.close()
  })

  it("makes a request whose safeTxHash equals protocol-kit's getTransactionHash", async () => {
    request = await call('signing.createRequest', {
      tx: {
        kind: 'transfer',
        token: ws.sandbox.token.address,
        to: RECIPIENT,
        amount: parseUnits('1234.5', 18).toString(),
      },
      description: 'Grant: community tooling',
    })
    expect(request.review.transfers).toEqual([
      expect.objectContaining({
        recipient: RECIPIENT,
        human: '1,234.5',
        token: expect.objectContaining({ symbol: 'AITBC' }),
      }),
    ])
    expect(request.review.warnings).toEqual([])
    expect(request.progress).toEqual({ collected: 0, threshold: 2 })
    const kit = await Safe.init({
      provider: ws.sandbox.rpcUrl,
      safeAddress: ws.sandbox.safeAddress,
      contractNetworks: { '31337': ws.sandbox.contracts },
    })
    const tx = request.request.safeTx
    const kitTx = await kit.createTransaction({
      transactions: [{ to: tx.to, value: tx.value, data: tx.data, operation: tx.operation }],
      options: {
        nonce: Number(tx.nonce),
        safeTxGas: '0',
        baseGas: '0',
        gasPrice: '0',
        gasToken: ZeroAddress,
        refundReceiver: ZeroAddress,
      },
    })
    expect(await kit.getTransactionHash(kitTx)).toBe(request.request.safeTxHash)
    expect(Number(tx.nonce)).toBe(await kit.getNonce())
  })

  it('is signed by two demo signers through the CLI on files, imported, and executed by the Safe', async () => {
    const exported = await call('signing.exportRequest', { safeTxHash: request.request.safeTxHash })
    requestFile = join(files, exported.fileName)
    writeFileSync(requestFile, exported.json)
    writeFileSync(join(files, 'pass.txt'), FILE_PASSPHRASE + '\n', { mode: 0o600 })

    const inspect = await cli(['inspect', requestFile], files)
    expect(inspect.code).toBe(0)
    expect(inspect.stdout).toContain(`Send 1,234.5 AITBC to ${RECIPIENT}`)
    expect(inspect.stdout).toContain(request.request.safeTxHash)

    const bundles: string[] = []
    for (const signer of [alice, bob]) {
      // Keystores as an offline machine holds them; a cheap scrypt N keeps the test fast (the file carries its N).
      const keystore = join(files, `${signer.label.split(' ')[0]}.json`)
      writeFileSync(
        keystore,
        await encryptKeystoreJson({ address: signer.address, privateKey: signer.privateKey }, FILE_PASSPHRASE, {
          scrypt: { N: 1024 },
        }),
      )
      const out = join(files, `sig-${signer.address.slice(2, 8)}.json`)
      const signed = await cli(
        [
          'sign',
          requestFile,
          '--keystore',
          keystore,
          '--passphrase-file',
          join(files, 'pass.txt'),
          '--out',
          out,
          '--yes',
        ],
        files,
      )
      seen.push(signed.stdout, signed.stderr)
      expect(signed.code, signed.stderr).toBe(0)
      expect(signed.stdout).toContain(`Signed by ${signer.address}`)
      bundles.push(readFileSync(out, 'utf8'))
    }
    const verified = await cli(
      ['verify-signature', requestFile, join(files, `sig-${bob.address.slice(2, 8)}.json`)],
      files,
    )
    expect(verified.code, verified.stderr).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, signer: bob.address, ownersFrom: 'request' })

    const first = await call('signing.import', { text: bundles[0] })
    expect(first).toMatchObject({ kind: 'signature', signer: alice.address, view: { progress: { collected: 1 } } })
    // The second one travels as QR codes.
    const second = await call('signing.import', { qrParts: splitQrParts(bundles[1].trimEnd(), 200) })
    expect(second).toMatchObject({
      kind: 'signature',
      signer: bob.address,
      view: { progress: { collected: 2, threshold: 2 } },
    })

    const token = new Contract(
      ws.sandbox.token.address,
      ['function balanceOf(address) view returns (uint256)'],
      provider,
    )
    const before = (await token.balanceOf(RECIPIENT)) as bigint
    const safeBefore = (await token.balanceOf(ws.sandbox.safeAddress)) as bigint
    const tx = request.request.safeTx
    const signatures = packSignatures(
      listSignatures(ws.db, request.request.safeTxHash).map((s) => ({ signer: s.signer, data: s.signature })),
    )
    const safe = new Contract(
      ws.sandbox.safeAddress,
      [
        'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
      ],
      new Wallet(ws.sandbox.funder.privateKey, provider),
    )
    const receipt = await (
      await safe.execTransaction(
        tx.to,
        tx.value,
        tx.data,
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        signatures,
      )
    ).wait()
    expect(receipt.status).toBe(1)
    expect(((await token.balanceOf(RECIPIENT)) as bigint) - before).toBe(parseUnits('1234.5', 18))
    expect(safeBefore - ((await token.balanceOf(ws.sandbox.safeAddress)) as bigint)).toBe(parseUnits('1234.5', 18))
  }, 180_000)

  it('accepts a signature made by an independent EIP-712 code path (ethers signTypedData)', async () => {
    const next = await call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '1000000000000000' },
    })
    const t = next.request.safeTx
    // The Safe v1.4.1 EIP-712 types of the independent (viem) side, not imported from the app.
    const signature = await new Wallet(carol.privateKey).signTypedData(
      { chainId: 31337, verifyingContract: ws.sandbox.safeAddress },
      { SafeTx: [...VIEM_SAFE_TX_TYPES.SafeTx] },
      t,
    )
    const bundle = {
      type: 'aitbc-treasury/signature',
      version: 1,
      chainId: 31337,
      safe: ws.sandbox.safeAddress,
      safeTxHash: next.request.safeTxHash,
      signer: carol.address,
      signature,
      signedAt: new Date().toISOString(),
    }
    const imported = await call('signing.import', { text: JSON.stringify(bundle) })
    expect(imported).toMatchObject({ kind: 'signature', signer: carol.address, view: { progress: { collected: 1 } } })

    // And a local key in the app signs the same request (EIP-712, no network needed for the signature itself).
    const signed = await call('signing.sign', { safeTxHash: next.request.safeTxHash, signer: alice.address })
    expect(signed.view.progress).toEqual({ collected: 2, threshold: 2 })
    expect(JSON.parse(signed.bundle.json)).toMatchObject({ signer: alice.address, safeTxHash: next.request.safeTxHash })
  })

  it('refuses bad input with a clear error and stores nothing', async () => {
    const json = readFileSync(requestFile, 'utf8')
    const doc = JSON.parse(json)
    const newRequest = await call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '7' },
      nonce: String(BigInt(doc.safeTx.nonce) + 2n),
    })
    const hash = newRequest.request.safeTxHash
    const t = newRequest.request.safeTx
    const bundleBy = async (key: string) => ({
      type: 'aitbc-treasury/signature',
      version: 1,
      chainId: 31337,
      safe: ws.sandbox.safeAddress,
      safeTxHash: hash,
      signer: new Wallet(key).address,
      signature: await new Wallet(key).signTypedData(
        { chainId: 31337, verifyingContract: ws.sandbox.safeAddress },
        { SafeTx: (await import('../../src/main/core/signing')).SAFE_TX_TYPES.SafeTx },
        t,
      ),
      signedAt: new Date().toISOString(),
    })
    const good = await bundleBy(bob.privateKey)

    await refused({ text: '{"type": "aitbc-treasury/sig' }, /not valid JSON/)
    await refused({ text: json.slice(0, Math.floor(json.length / 2)) }, /truncated or corrupt/)
    await refused({ text: JSON.stringify({ ...doc, version: 2 }) }, /version 2/)
    await refused({ text: JSON.stringify({ ...doc, safeTx: { ...doc.safeTx, value: '1' } }) }, /Hash mismatch/)
    await refused({ text: JSON.stringify({ ...good, chainId: 1 }) }, /Wrong chain/)
    await refused({ text: JSON.stringify({ ...good, safe: RECIPIENT }) }, /Wrong Safe/)
    await refused({ text: JSON.stringify(await bundleBy(OUTSIDER_KEY)) }, /not an owner/)
    await refused(
      { text: JSON.stringify({ ...good, signature: (await bundleBy(carol.privateKey)).signature }) },
      /recovers to/,
    )
    const parts = splitQrParts(json.trimEnd(), 300)
    await refused({ qrParts: [parts[0], ...parts.slice(2)] }, /part 2 of \d+ is missing/)
    await call('signing.import', { text: JSON.stringify(good) })
    await refused({ text: JSON.stringify(good) }, /already stored/, 'CONFLICT')
  })

  it('imports a folder of signature bundles together, or none of them when one is bad', async () => {
    const fresh = await call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: RECIPIENT, amount: '9' },
      nonce: String(BigInt(request.request.safeTx.nonce) + 3n),
    })
    const bundle = async (key: string) =>
      JSON.stringify({
        type: 'aitbc-treasury/signature',
        version: 1,
        chainId: 31337,
        safe: ws.sandbox.safeAddress,
        safeTxHash: fresh.request.safeTxHash,
        signer: new Wallet(key).address,
        signature: await signSafeTx(new Wallet(key), 31337, ws.sandbox.safeAddress, fresh.request.safeTx),
        signedAt: new Date().toISOString(),
      })
    const good = [await bundle(alice.privateKey), await bundle(carol.privateKey)]
    const before = countAll()
    await expect(
      call('signing.importSignatures', {
        texts: [...good, await bundle(OUTSIDER_KEY)],
        names: ['a.json', 'c.json', 'x.json'],
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/^x\.json: .*not an owner/) })
    expect(countAll()).toBe(before)
    const { accepted } = await call('signing.importSignatures', { texts: good })
    expect(accepted.map((a) => a.signer).sort()).toEqual([alice.address, carol.address].sort())
    expect((await call('signing.get', { safeTxHash: fresh.request.safeTxHash })).progress).toEqual({
      collected: 2,
      threshold: 2,
    })
  })

  it('never lets key material or a passphrase into an API response, a log line, the audit trail or CLI output', async () => {
    // The other ways in: a private key, a mnemonic + index, a keystore file; a wrong passphrase; a mnemonic signer.
    const outsider = new Wallet(OUTSIDER_KEY)
    await call('keys.import', {
      label: 'Outsider',
      passphrase: PASSPHRASE,
      source: { kind: 'privateKey', privateKey: OUTSIDER_KEY },
    })
    await call('keys.import', {
      label: 'From phrase',
      passphrase: PASSPHRASE,
      source: { kind: 'mnemonic', mnemonic: SANDBOX_MNEMONIC, index: 6 },
    })
    await expect(
      call('keys.unlock', { address: outsider.address, passphrase: 'not the passphrase' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    })
    await expect(
      call('keys.import', {
        label: 'Bad',
        passphrase: PASSPHRASE,
        source: { kind: 'privateKey', privateKey: OUTSIDER_KEY.slice(0, 40) },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    await expect(
      call('keys.import', {
        label: 'Bad',
        passphrase: PASSPHRASE,
        source: { kind: 'mnemonic', mnemonic: SANDBOX_MNEMONIC.replace('junk', 'test'), index: 0 },
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const pending = await call('keys.createMnemonic', {})
    await call('keys.confirmMnemonic', {
      id: pending.id,
      words: pending.confirm.map((i) => pending.words[i]),
      label: 'Fresh',
      passphrase: PASSPHRASE,
    })
    const exported = await call('keys.export', { address: alice.address, passphrase: PASSPHRASE })
    expect(exported.json).toMatch(/"kdf":\s*"scrypt"/)
    await call('keys.list', {})

    const secrets = [...ws.sandbox.signers.map((s) => s.privateKey), OUTSIDER_KEY, ws.sandbox.funder.privateKey].map(
      (k) => k.slice(2).toLowerCase(),
    )
    const phrases = [SANDBOX_MNEMONIC, PASSPHRASE, FILE_PASSPHRASE, 'not the passphrase']
    const audit = JSON.stringify(listAuditEvents(ws.db, { limit: 500 }))
    const keyFiles = readdirSync(join(ws.dir, 'keys')).map((f) => readFileSync(join(ws.dir, 'keys', f), 'utf8'))
    const fresh = [pending.words.join(' '), JSON.stringify(pending.words).slice(1, -1)]
    const all = [...seen, audit, ...keyFiles]
    for (const haystack of all) {
      const lower = haystack.toLowerCase()
      for (const secret of secrets) expect(lower.includes(secret), 'a private key leaked').toBe(false)
      for (const phrase of phrases) expect(haystack.includes(phrase), `"${phrase.slice(0, 6)}…" leaked`).toBe(false)
    }
    // The new recovery phrase is shown exactly once: in the createMnemonic answer, nowhere else.
    expect(all.filter((h) => fresh.some((f) => h.includes(f)))).toHaveLength(1)
    expect(seen.length).toBeGreaterThan(30)
  })
})
