// `npx tsx bench/vote-import-profile.ts [votes]` (add `node --cpu-prof --import tsx` to profile): the import and tally
// of N signed votes alone, without generating a token with N holders. A sandbox chain and a workspace adopted onto
// it, one open decision; N voters' keys derived as bench/holders-generator.ts derives them, their voting power at the
// snapshot put in the workspace's weights cache (as a previous read from the chain would have), N votes signed off
// chain into a vote-lines file, then `importVoteLines` and the tally timed: wall, this process's CPU (its worker
// threads' included), peak RSS. REIMPORT=1 imports the same file a second time (all duplicates) and times that too.
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { getAddress } from 'ethers'
import { startSandbox } from '../src/main/core/sandbox'
import { openDatabase } from '../src/main/core/db/open'
import { createContext } from '../src/main/core/workspace/context'
import { governanceDomain, rpcBatch, voteFile } from '../src/main/core/governance'
import { importVoteLines } from '../src/main/core/governance/service'
import { saveWeights, tallyOf } from '../src/main/core/governance/store'
import { voteDigestFast } from '../src/main/core/governance/typed-data'
import { keccak256Bytes } from '../src/main/core/signing/native-crypto'
import { writeFileSync } from 'node:fs'
import { signDigest } from './holders-generator'
import { openBenchDecision, sandboxApi } from './sandbox-api'

const votes = Number(process.argv[2] ?? 20_000)
const secp = createRequire(import.meta.url)('secp256k1/bindings') as {
  publicKeyCreate(key: Uint8Array, compressed: boolean): Uint8Array
}

async function main() {
  const sandbox = await startSandbox()
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-vote-import-'))
  const ctx = createContext(openDatabase(join(dir, 'workspace.sqlite')), 'cli', 'bench')
  try {
    if (process.env.CACHE_KB) ctx.db.pragma(`cache_size = -${process.env.CACHE_KB}`)
    const { call } = sandboxApi(ctx, sandbox, dir)
    const p = await openBenchDecision(call, sandbox.signers[0].address, `Bench: ${votes} voters`)
    await rpcBatch(sandbox.rpcUrl, [{ method: 'hardhat_mine', params: ['0x3'] }])

    let t = performance.now()
    const keys: Buffer[] = []
    const weights = new Map<string, bigint>()
    const voters: string[] = []
    for (let i = 0; i < votes; i++) {
      const key = Buffer.from(keccak256Bytes(Buffer.from(`aitbc-bench-holder-${i}`)))
      const voter = getAddress(
        '0x' +
          Buffer.from(keccak256Bytes(secp.publicKeyCreate(key, false).subarray(1)))
            .toString('hex')
            .slice(-40),
      )
      keys.push(key)
      voters.push(voter)
      weights.set(voter, BigInt(1 + ((i * 7_919) % 1_000)) * 10n ** 15n)
    }
    saveWeights(ctx.db, sandbox.chainId, sandbox.token.address, p.snapshotBlock, weights)
    const domain = governanceDomain(sandbox.chainId, sandbox.token.address)
    const now = Math.floor(Date.now() / 1000)
    const lines: string[] = []
    for (let i = 0; i < votes; i++) {
      const message = {
        proposalId: p.id,
        support: (i % 10 < 6 ? 1 : i % 10 < 9 ? 0 : 2) as 0 | 1 | 2,
        voter: voters[i],
        timestamp: now - (i % 600),
        reason: i % 7 === 0 ? 'for the record' : '',
      }
      const digest = Buffer.from(voteDigestFast(domain, message).slice(2), 'hex')
      lines.push(JSON.stringify(voteFile(domain, message, signDigest(digest, keys[i]).hex)))
    }
    const file = join(dir, 'votes.jsonl')
    writeFileSync(file, lines.join('\n') + '\n')
    const prepMs = Math.round(performance.now() - t)

    global.gc?.()
    const idle = process.memoryUsage().rss
    let peak = idle
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    const loadBefore = loadavg()[0]
    t = performance.now()
    const cpu = process.cpuUsage()
    const imported = await importVoteLines(ctx, file, { skipRefused: false })
    const importMs = performance.now() - t
    const importCpu = process.cpuUsage(cpu)
    const t2 = performance.now()
    const { voters: counted } = tallyOf(ctx.db, p.id)
    const tallyMs = performance.now() - t2
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    if (imported.accepted !== votes || counted !== votes)
      throw new Error(`expected ${votes} votes, got ${imported.accepted} accepted, ${counted} counted`)
    // The same file again (REIMPORT=1): every vote a duplicate of a stored one, nothing stored.
    let reimport: { ms: number; cpuMs: number } | undefined
    if (process.env.REIMPORT) {
      const t3 = performance.now()
      const cpu3 = process.cpuUsage()
      const again = await importVoteLines(ctx, file, { skipRefused: false })
      const used = process.cpuUsage(cpu3)
      reimport = { ms: Math.round(performance.now() - t3), cpuMs: Math.round((used.user + used.system) / 1000) }
      if (again.duplicates !== votes) throw new Error(`expected ${votes} duplicates, got ${again.duplicates}`)
    }
    console.log(
      JSON.stringify({
        votes,
        prepMs,
        importMs: Math.round(importMs),
        importCpuMs: Math.round((importCpu.user + importCpu.system) / 1000),
        tallyMs: Math.round(tallyMs),
        peakRssAboveIdleMB: Math.round((peak - idle) / 2 ** 20),
        recoveredIn: imported.recoveredIn,
        ...(reimport ? { reimportMs: reimport.ms, reimportCpuMs: reimport.cpuMs } : {}),
        load: [loadBefore, loadavg()[0]].map((l) => Math.round(l * 100) / 100),
      }),
    )
  } finally {
    await ctx.close()
    await sandbox.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
