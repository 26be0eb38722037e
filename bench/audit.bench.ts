import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/main/core/db/open'
import { GENESIS_HASH, countAuditEvents, parsedEventHash } from '../src/main/core/audit'
import { bundleForNode } from './bundle-for-node'
import type { Bench, BenchResult } from './types'

/**
 * The audit trail at scale: a workspace of 1,000,000 audit events (`--generate`; 100,000 without it), then
 *  - CSV export time against `sqlite3 -csv` of the same rows (target ≤ 2×),
 *  - bundle verification against `sha256sum` of the bundle file (target ≤ 3×),
 *  - peak RSS during the CSV export above idle (target < 150 MB).
 * The measurements run in a fresh child process (bench/audit-probe.ts), so generating the data does not inflate
 * the idle memory they are compared with. The probe is bundled with esbuild and run by plain node, like the app's
 * built main process: run through tsx, every helper thread it starts would load tsx's loader too (a cost of the
 * bench, not of the app).
 *
 * AUDIT_BENCH_WORKSPACE=FILE: use that workspace if it exists (one an earlier run generated), else generate it
 * there and keep it; a million events take minutes to generate on a loaded machine.
 */
export const bench: Bench = {
  name: 'audit',
  async run({ generate }) {
    const events = generate ? 1_000_000 : 100_000
    const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-audit-'))
    try {
      const kept = process.env.AUDIT_BENCH_WORKSPACE
      const file = kept ?? join(dir, 'workspace.sqlite')
      const reused = kept !== undefined && existsSync(kept)
      const generatedMs = reused ? 0 : generateWorkspace(file, events)
      process.stderr.write(
        reused
          ? `  reusing the workspace ${file}\n`
          : `  generated ${events} chained audit events in ${Math.round(generatedMs)} ms\n`,
      )
      const probe = spawnSync(process.execPath, [await builtProbe(), file, dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 16 * 1024 * 1024,
      })
      if (probe.status !== 0) throw new Error(`audit probe failed (${probe.status})`)
      const results = JSON.parse(probe.stdout.trim().split('\n').pop()!) as BenchResult[]
      if (reused) return results
      return [
        Object.assign(
          {
            name: 'audit.generate',
            value: Math.round(generatedMs),
            unit: 'ms',
            details: { events, perEventUs: Math.round((generatedMs * 10_000) / events) / 10 },
          },
          { load: Math.round(loadavg()[0] * 100) / 100 },
        ),
        ...results,
      ]
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

/** bench/audit-probe.ts bundled for plain node. */
function builtProbe(): Promise<string> {
  // The probe finds the worker's source beside it.
  return bundleForNode(join(__dirname, 'audit-probe.ts'), 'audit-probe.js', { __dirname: JSON.stringify(__dirname) })
}

const ACTIONS = ['proposal.created', 'signature.added', 'safe.tx.executed', 'safe.added', 'setting.changed']
const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const SIGNERS = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
]

/** One transaction, the chain computed as it goes (the fast hashing path, checked equal to eventHash by tests). */
export function generateWorkspace(file: string, count: number): number {
  const db = openDatabase(file)
  const t0 = performance.now()
  // A disposable benchmark file: no journal while filling it, the workspace's WAL mode afterwards.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  // The UNIQUE index on random hashes touches a random page per insert: keep it in memory or the insert goes
  // to disk a million times (100 s instead of a few).
  db.pragma('cache_size = -524288')
  db.prepare('INSERT INTO chains (chain_id, name, rpc_url, is_sandbox, added_at) VALUES (31337, ?, ?, 1, ?)').run(
    'bench',
    'http://127.0.0.1:8545',
    new Date().toISOString(),
  )
  db.prepare('INSERT INTO tokens (chain_id, address, symbol, name, decimals) VALUES (31337, ?, ?, ?, 18)').run(
    TOKEN,
    'AITBC',
    'AITBC',
  )
  const insert = db.prepare(
    'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const start = Date.parse('2025-01-01T00:00:00Z')
  db.transaction(() => {
    let prev = GENESIS_HASH
    for (let seq = 1; seq <= count; seq++) {
      const at = new Date(start + seq * 30_000).toISOString()
      const action = ACTIONS[seq % ACTIONS.length]
      const actor = SIGNERS[seq % 3]
      const subject = `proposal:${seq >> 3}`
      const payload =
        action === 'safe.tx.executed'
          ? {
              safe: SAFE,
              nonce: seq >> 3,
              to: SIGNERS[(seq + 1) % 3],
              token: TOKEN,
              amount: String(BigInt(seq) * 10n ** 15n),
              txHash: '0x' + seq.toString(16).padStart(64, '0'),
              category: 'Grants',
            }
          : { title: `Proposal ${seq >> 3}`, note: `event ${seq}` }
      const hash = parsedEventHash(prev, seq, at, actor, action, subject, payload)
      insert.run(seq, at, actor, action, subject, JSON.stringify(payload), prev, hash)
      prev = hash
    }
    countAuditEvents(db, 1, count)
  })()
  db.pragma('journal_mode = WAL')
  db.close()
  return performance.now() - t0
}
