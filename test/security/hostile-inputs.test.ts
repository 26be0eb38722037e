import { afterAll, describe, expect, it, vi } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createDeflate } from 'node:zlib'
import { Wallet } from 'ethers'
import { PNG } from 'pngjs'
import { verifyAuditChain } from '../../src/main/core/audit'
import { voteFile } from '../../src/main/core/governance/files'
import { governanceDomain, signVote, type VoteMessage } from '../../src/main/core/governance/typed-data'
import { qrPng, readQrPng } from '../../src/main/core/signing/qr'
import { sandboxWorkspace } from '../integration/helpers'

const root = resolve(__dirname, '../..')

/** The built CLI (npm run test:security builds first). */
function treasury(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now()
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('exit', (code) => done({ code, stdout, stderr, ms: performance.now() - started }))
  })
}

/**
 * A PNG bomb: 20000×20000 1-bit grayscale, about 60 kB on disk and 1.6 GB of RGBA once decoded. The pixel rows
 * are deflated as a stream, so making it costs little.
 */
async function pngBomb(side: number): Promise<Buffer> {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(data.length, 0)
    head.write(type, 4, 'ascii')
    const tail = Buffer.alloc(4)
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0)
    return Buffer.concat([head, data, tail])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(side, 0)
  ihdr.writeUInt32BE(side, 4)
  ihdr[8] = 1 // bit depth
  ihdr[9] = 0 // grayscale
  const deflate = createDeflate({ level: 9 })
  const parts: Buffer[] = []
  deflate.on('data', (d: Buffer) => parts.push(d))
  const finished = new Promise((r) => deflate.on('end', r))
  const row = Buffer.alloc(1 + Math.ceil(side / 8), 0xff)
  row[0] = 0
  for (let y = 0; y < side; y++) if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r))
  deflate.end()
  await finished
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe('hostile inputs (issue 23)', () => {
  const ws = sandboxWorkspace()
  afterAll(() => ws.ctx.close())
  const code = async (answer: Promise<{ ok: boolean; error?: { code: string } }>) => {
    const a = await answer
    return a.ok ? 'OK' : a.error!.code
  }

  it('refuses a deeply nested vote file with BAD_INPUT (it overflowed the stack: INTERNAL), storing nothing', async () => {
    const wallet = Wallet.createRandom()
    const domain = governanceDomain(31337, ws.sandbox.token.address)
    const message: VoteMessage = {
      proposalId: '0x' + 'ab'.repeat(32),
      support: 1,
      voter: wallet.address,
      timestamp: 1_700_000_000,
      reason: '',
    }
    const file = voteFile(domain, message, await signVote(wallet, domain, message))
    const before = verifyAuditChain(ws.db).events
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
    // Valid in every field but the types, which are compared (stringified) with the canonical ones.
    const text = JSON.stringify(file).replace(/"EIP712Domain":\[[^\]]*\]/, `"EIP712Domain":${deep(20_000)}`)
    expect(text.length).toBeGreaterThan(40_000)
    const answer = await ws.api.dispatch('governance.importVotes', { text })
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: /nests deeper than 32/ } })
    const bundle = `{"format":"aitbc-governance-votes","version":1,"votes":[${deep(100_000)}]}`
    expect(await code(ws.api.dispatch('governance.importVotes', { text: bundle }))).toBe('BAD_INPUT')
    expect(verifyAuditChain(ws.db).events).toBe(before)
  })

  it('refuses signer labels with bidi controls, NUL, newlines or other control characters', async () => {
    const address = Wallet.createRandom().address
    for (const label of [
      'Alice\u202Eecila', // RIGHT-TO-LEFT OVERRIDE
      'Bob \u202A', // LEFT-TO-RIGHT EMBEDDING
      '\u2066Carol\u2069', // isolates
      'Dave\u0000',
      'Eve\nTreasurer',
      'Mallory\r\u001b[31m',
      'Trent\u0085',
    ]) {
      expect(await code(ws.api.dispatch('keys.watch', { label, address })), JSON.stringify(label)).toBe('BAD_INPUT')
    }
    const watched = await ws.call('keys.watch', { label: 'Zoë 李 (council)', address })
    expect(watched.label).toBe('Zoë 李 (council)')
    expect(await code(ws.api.dispatch('keys.rename', { address, label: 'x\u202Ey' }))).toBe('BAD_INPUT')
  })

  it('`treasury qr read` refuses an oversized PNG from its header, before decoding; real QR images still read', async () => {
    expect(existsSync(join(root, 'out/main/cli.js')), 'run `npx electron-vite build` first').toBe(true)
    const dir = mkdtempSync(join(tmpdir(), 'treasury-qr-'))
    const bomb = join(dir, 'bomb.png')
    writeFileSync(bomb, await pngBomb(20_000))
    const refused = await treasury(['qr', 'read', bomb])
    console.log(
      `[qr bomb] 20000×20000 PNG: exit ${refused.code} after ${refused.ms.toFixed(0)} ms (process start included)`,
    )
    expect(refused.code).not.toBe(0)
    expect(refused.stderr).toMatch(/20000×20000 pixels; a QR image may be at most 4096×4096/)
    // Decoding it took 60 s and 2.8 GB; the CLI's own start-up (seconds on a loaded machine) is most of this now.
    expect(refused.ms).toBeLessThan(20_000)
    // In process: refused from the 24-byte header, the decoder never called (a real image does call it).
    const decode = vi.spyOn(PNG.sync, 'read')
    try {
      expect(() => readQrPng(readFileSync(bomb))).toThrow(/at most 4096×4096/)
      expect(decode).not.toHaveBeenCalled()
      expect(readQrPng(await qrPng('decoded'))).toBe('decoded')
      expect(decode).toHaveBeenCalledTimes(1)
    } finally {
      decode.mockRestore()
    }
    const big = join(dir, 'big.png')
    writeFileSync(big, Buffer.alloc(21 * 1024 * 1024))
    expect((await treasury(['qr', 'read', big])).stderr).toMatch(/larger than 20 MiB/)
    const good = join(dir, 'good.png')
    writeFileSync(good, await qrPng('{"hello":"signer"}'))
    const read = await treasury(['qr', 'read', good])
    expect(read.code, read.stderr).toBe(0)
    expect(read.stdout.trim()).toBe('{"hello":"signer"}')
  })
})
