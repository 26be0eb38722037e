import { performance } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, parseEther } from 'ethers'
import { openDatabase } from '../src/main/core/db/open'
import { createContext } from '../src/main/core/workspace/context'
import { proposalLink } from '../src/main/core/workflows/signatures'
import {
  acceptSignatureBundle,
  acceptSignatureBundles,
  type BundleToImport,
  checkSigningRequest,
  createSigningRequest,
  getSigningRequest,
  listSignatures,
  parseSignatureBundle,
  plainSafeTx,
  recoverMany,
  recoverManyJs,
  safeSignatureParts,
  saveSigningRequest,
  signSafeTx,
  signatureBundle,
  toJson,
} from '../src/main/core/signing'
import { secp256k1Backend } from '../src/main/core/governance'
import type { Bench, BenchResult } from './types'

const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
// Hardhat's public test accounts #1..#3: the demo Safe's owners.
const OWNERS = [
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
].map((k) => new Wallet(k))

/**
 * Import of 1,000 signature bundles (a folder of files) into a workspace database on disk, as
 * `signing.importSignatures` does: parse and check each bundle, load its stored request and re-derive the hash,
 * recover the signer, check the owner and duplicates, then store all with one audit event each in one transaction
 * (synchronous = FULL). Target ≤ 3 s. One-call-per-bundle imports are measured beside it for comparison, and the
 * recovery of the same 1,000 signatures through libsecp256k1 in this thread against ethers' pure-JS recovery on
 * worker threads (the path before it).
 */
export const bench: Bench = {
  name: 'signing',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-signing-'))
    const ctx = createContext(openDatabase(join(dir, 'w.sqlite')), 'cli', 'bench')
    const n = 1000
    const texts: string[] = []
    for (let i = 0; i < n + 100; i++) {
      const doc = createSigningRequest({
        chainId: 31337,
        safe: SAFE,
        safeVersion: '1.4.1',
        safeTx: plainSafeTx({
          to: OWNERS[0].address,
          value: parseEther('1').toString(),
          data: '0x',
          operation: 0,
          nonce: String(i),
        }),
        tokens: [],
        multiSend: [],
        createdBy: 'bench',
      })
      ctx.db.transaction(() => saveSigningRequest(ctx.db, doc, 'created'))()
      const signer = OWNERS[i % OWNERS.length]
      texts.push(toJson(signatureBundle(doc, signer.address, await signSafeTx(signer, 31337, SAFE, doc.safeTx))))
    }
    const owners = { list: OWNERS.map((w) => w.address), source: 'chain' }
    const single = texts.splice(n) // the last 100: imported one call at a time, for comparison

    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    // As `signing.importSignatures` does for a folder of files: parse, look up, verify all, store in one transaction.
    const items: BundleToImport[] = texts.map((text) => {
      const bundle = parseSignatureBundle(text)
      return { request: getSigningRequest(ctx.db, bundle.safeTxHash)!.doc, bundle, owners }
    })
    await acceptSignatureBundles(ctx, items, proposalLink)
    const batch = performance.now() - t0
    const cpu = process.cpuUsage(cpu0)
    // And one by one, as separate imports (one transaction, so one fsync, each).
    const t1 = performance.now()
    for (const text of single) {
      const bundle = parseSignatureBundle(text)
      const request = checkSigningRequest(getSigningRequest(ctx.db, bundle.safeTxHash)!.doc)
      acceptSignatureBundle(ctx, request, bundle, owners, proposalLink, request.safeTxHash)
    }
    const oneByOne = performance.now() - t1
    const total = batch
    const stored = texts.filter((t) => listSignatures(ctx.db, JSON.parse(t).safeTxHash).length === 1).length

    // Recovery alone, side by side: what this import does now, and the pure-JS worker pool it replaced.
    const jobs = texts.map((t) => {
      const b = parseSignatureBundle(t)
      const parts = safeSignatureParts(b.safeTxHash, b.signature)
      if (parts.kind === 'approved_hash') throw new Error('unexpected approved-hash signature')
      return parts
    })
    const r0 = performance.now()
    const native = await recoverMany(jobs)
    const nativeMs = performance.now() - r0
    const r1 = performance.now()
    const pureJs = await recoverManyJs(jobs)
    const pureJsMs = performance.now() - r1
    if (JSON.stringify(native) !== JSON.stringify(pureJs)) throw new Error('native and pure-JS recovery disagree')

    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
    if (stored !== n) throw new Error(`only ${stored} of ${n} signatures were stored`)
    const value = Math.round(total)
    return [
      withLoad({
        name: 'signing.verify-import-1000-bundles',
        value,
        unit: 'ms',
        target: '<= 3000 ms',
        met: value <= 3000,
        details: {
          bundles: n,
          perBundleMs: Math.round((total / n) * 100) / 100,
          oneImportPerCallMs: Math.round((oneByOne / single.length) * 100) / 100,
          // CPU time of this process: what the import costs, whatever else the machine is doing.
          cpuMs: Math.round((cpu.user + cpu.system) / 1000),
          secp256k1: secp256k1Backend(),
          database: 'file, WAL, synchronous=FULL',
        },
      }),
      withLoad({
        name: 'signing.recover-1000-signatures',
        value: Math.round(nativeMs),
        unit: 'ms',
        reference: {
          name: "ethers' pure-JS recovery on worker threads, one per core (the path before libsecp256k1)",
          value: Math.round(pureJsMs),
          unit: 'ms',
        },
        ratio: Math.round((nativeMs / pureJsMs) * 100) / 100,
        details: { secp256k1: secp256k1Backend(), note: 'libsecp256k1 in this thread: a worker start costs more' },
      }),
    ]
  },
}

function withLoad(result: BenchResult): BenchResult {
  return Object.assign(result, { load: Math.round(loadavg()[0] * 100) / 100 })
}
