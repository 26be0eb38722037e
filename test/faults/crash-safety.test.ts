import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildSync } from 'esbuild'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { verifyAuditChain } from '../../src/main/core/audit'

const KILLS = Number(process.env.CRASH_KILLS ?? 50)

/** Starts the writer, waits until it is writing, lets it write for a random moment, then SIGKILLs it. */
function runAndKill(writer: string, dbFile: string, sandbox: unknown, writeMs: number): Promise<{ stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer], {
      env: {
        ...process.env,
        NODE_PATH: join(__dirname, '..', '..', 'node_modules'),
        CRASH_DB: dbFile,
        CRASH_SANDBOX: JSON.stringify(sandbox),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL') // never leave a writer behind
      reject(new Error(`writer never became ready: ${stderr}`))
    }, 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), writeMs)
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL') resolve({ stderr })
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`))
    })
  })
}

function checkDatabase(file: string) {
  const db = new Database(file)
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    const chain = verifyAuditChain(db)
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      integrity,
      chain,
      proposals: count('SELECT count(*) AS n FROM proposals'),
      proposalEvents: count("SELECT count(*) AS n FROM audit_events WHERE action = 'proposal.created'"),
      signatures: count('SELECT count(*) AS n FROM proposal_signatures'),
      signatureEvents: count("SELECT count(*) AS n FROM audit_events WHERE action = 'proposal.signature_added'"),
      batches: count('SELECT count(*) AS n FROM disbursement_batches'),
      batchesWithoutItems: count(
        'SELECT count(*) AS n FROM disbursement_batches b WHERE NOT EXISTS (SELECT 1 FROM disbursement_items i WHERE i.batch_id = b.id)',
      ),
      batchEvents: count("SELECT count(*) AS n FROM audit_events WHERE action = 'disbursement.drafted'"),
      bulkEvents: count("SELECT count(*) AS n FROM audit_events WHERE action = 'governance.votes.imported'"),
      // Day counts (kept by the appenders, migration 0025) that differ from a recount of the events, either way.
      dayCountsOff: count(
        `WITH kept AS (SELECT day, actor, events FROM audit_day_counts),
              counted AS (SELECT substr(at, 1, 10) AS day, actor, count(*) AS events FROM audit_events GROUP BY 1, 2)
         SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted)) +
                (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept)) AS n`,
      ),
    }
  } finally {
    db.close()
  }
}

describe('crash safety: SIGKILL in the middle of writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-crash-'))
  const dbFile = join(dir, 'workspace.sqlite')
  const writer = join(dir, 'crash-writer.cjs')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // Bundled once, so each of the many restarts costs a Node start, not a TypeScript compile.
  beforeAll(() => {
    buildSync({
      entryPoints: [join(__dirname, 'crash-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      outfile: writer,
      logLevel: 'error',
    })
  })

  it(`survives ${KILLS} kills: integrity ok, audit chain verifies, nothing half-written`, async () => {
    const sandbox = inject('sandbox')
    const history: Array<ReturnType<typeof checkDatabase>> = []
    for (let round = 0; round < KILLS; round++) {
      await runAndKill(writer, dbFile, sandbox, 100 + Math.floor(Math.random() * 900))
      const state = checkDatabase(dbFile)
      history.push(state)
      expect(state.integrity, `round ${round}`).toBe('ok')
      expect(state.chain.ok, `round ${round}: ${state.chain.reason}`).toBe(true)
      // Each row and its audit event commit together: the counts never drift apart.
      expect(state.proposalEvents, `round ${round}`).toBe(state.proposals)
      expect(state.signatureEvents, `round ${round}`).toBe(state.signatures)
      expect(state.batchesWithoutItems, `round ${round}`).toBe(0)
      expect(state.batchEvents, `round ${round}`).toBe(state.batches)
      expect(state.dayCountsOff, `round ${round}`).toBe(0)
      expect(state.bulkEvents % 500, `round ${round}: a bulk append half-written`).toBe(0)
    }
    const final = history[history.length - 1]
    console.log(JSON.stringify({ name: 'faults.crash-safety', kills: KILLS, ...final, chain: final.chain.events }))
    // The writer really wrote between kills, so the kills landed among real writes.
    expect(final.proposals).toBeGreaterThanOrEqual(KILLS / 5)
    expect(final.batches).toBeGreaterThan(0)
    expect(final.bulkEvents).toBeGreaterThan(0)
  }, 900_000)
})
