import { performance } from 'node:perf_hooks'
import { KeyStore } from '../src/main/core/keys'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, getAddress } from 'ethers'
import { openDatabase } from '../src/main/core/db/open'
import { createContext } from '../src/main/core/workspace/context'
import { createSandboxController } from '../src/main/core/workspace/sandbox'
import { saveChain } from '../src/main/core/chain'
import { insertSafe, saveSnapshot } from '../src/main/core/safe'
import { buildTransactions, insertProposal, insertProposalSignature, withNonce } from '../src/main/core/proposals'
import { safeTxHash } from '../src/main/core/signing/safe-tx'
import { createApi } from '../src/main/api'
import type { ProposalPartInput, ProposalStatus } from '../src/shared/contract'
import { median, type Bench } from './types'

const SAFE = getAddress('0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238')
const TOKEN = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')
const owners = [0, 1, 2].map(() => Wallet.createRandom().address)
const ctxFor = {
  chainId: 31337,
  safe: SAFE,
  multiSendCallOnly: getAddress('0x9A676e781A523b5d0C0e43731313A708CB607508'),
  multiSend: getAddress('0x0B306BF915C4d645ff596e518fAf3F9669b97016'),
  tokens: new Map([[TOKEN, { symbol: 'AITBC', decimals: 18 }]]),
  owners,
  threshold: 2,
  native: { symbol: 'ETH', decimals: 18 },
}

/** Building and hashing a 200-part MultiSend (target ≤ 100 ms); a queue page among 10,000 proposals (≤ 50 ms). */
export const bench: Bench = {
  name: 'proposals',
  async run() {
    const recipients = Array.from({ length: 200 }, () => Wallet.createRandom().address)
    const parts: ProposalPartInput[] = recipients.map((to, i) => ({
      type: 'erc20_transfer',
      token: TOKEN,
      to,
      amount: String(1_000_000_000_000_000n * BigInt(i + 1)),
    }))
    const buildTimes: number[] = []
    for (let round = 0; round < 15; round++) {
      const t0 = performance.now()
      const built = buildTransactions(parts, ctxFor)
      safeTxHash(31337, SAFE, withNonce(built, round))
      buildTimes.push(performance.now() - t0)
    }
    const build = Math.round(median(buildTimes.slice(3)) * 100) / 100

    // 10,000 proposals on disk: a realistic mix of open and closed, conflicts and signatures.
    const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
    const ctx = createContext(openDatabase(join(dir, 'w.sqlite')), 'cli', 'bench')
    const db = ctx.db
    saveChain(db, {
      chainId: 31337,
      name: 'bench',
      rpcUrl: 'http://127.0.0.1:9',
      isSandbox: true,
      contractNetwork: null,
    })
    insertSafe(db, 31337, SAFE, 'Bench Safe')
    saveSnapshot(db, {
      chainId: 31337,
      address: SAFE,
      label: 'Bench Safe',
      version: '1.4.1',
      owners,
      threshold: 2,
      nonce: 0,
      modules: [],
      guard: null,
      fallbackHandler: null,
      balances: [],
      asOf: new Date().toISOString(),
      stale: false,
    })
    const statuses: ProposalStatus[] = ['awaiting_signatures', 'ready', 'draft', 'executed', 'cancelled', 'replaced']
    const single = buildTransactions([{ type: 'eth_transfer', to: recipients[0], amount: '1' }], ctxFor)
    const t0 = performance.now()
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const tx = withNonce({ ...single, tx: { ...single.tx, value: String(i + 1) } }, Math.floor(i / 2))
        const id = insertProposal(db, {
          chainId: 31337,
          safe: SAFE,
          kind: 'eth_transfer',
          title: `Payment ${i}`,
          description: '',
          category: i % 3 === 0 ? 'Grants' : 'Operations',
          budgetLineId: null,
          grantLink: null,
          proposer: 'bench',
          status: i < 8000 ? statuses[i % 3] : statuses[3 + (i % 3)],
          safeTx: tx,
          safeTxHash: safeTxHash(31337, SAFE, tx),
          actions: single.actions,
          outflows: single.outflows,
          multiSend: null,
          rejectsId: null,
        })
        if (i % 2 === 0)
          insertProposalSignature(db, id, {
            signer: owners[0],
            signature: '0x' + '11'.repeat(65),
            kind: 'eip712',
            source: 'bundle',
          })
      }
    })()
    const seeded = Math.round(performance.now() - t0)
    const api = createApi({
      ctx,
      sandbox: createSandboxController(
        ctx,
        () => {},
        () => Promise.reject(new Error('none')),
      ),
      keys: new KeyStore(ctx, { dir: join(tmpdir(), 'treasury-unused-keys') }),
    })
    const page = async (input: object) => {
      const times: number[] = []
      for (let i = 0; i < 25; i++) {
        const t = performance.now()
        const r = await api.dispatch('proposals.list', input)
        times.push(performance.now() - t)
        if (!r.ok) throw new Error(r.error.message)
      }
      return Math.round(median(times.slice(5)) * 100) / 100
    }
    const first = await page({ view: 'queue', limit: 100 })
    const deep = await page({ view: 'queue', offset: 5000, limit: 100 })
    const filtered = await page({
      view: 'queue',
      category: 'Grants',
      signer: owners[0],
      signerState: 'not_signed',
      limit: 100,
    })
    const history = await page({ view: 'history', limit: 100 })
    await ctx.close()
    rmSync(dir, { recursive: true, force: true })
    const worst = Math.max(first, deep, filtered, history)
    return [
      {
        name: 'proposals.multisend-200.build-and-hash',
        value: build,
        unit: 'ms',
        target: '<= 100 ms',
        met: build <= 100,
        details: { parts: 200, runs: buildTimes.length },
      },
      {
        name: 'proposals.queue-page.among-10000',
        value: worst,
        unit: 'ms',
        target: '<= 50 ms',
        met: worst <= 50,
        details: { firstPage: first, offset5000: deep, filtered, history, pageSize: 100, seedMs: seeded },
      },
    ]
  },
}
