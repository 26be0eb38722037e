import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { getAddress } from 'ethers'
import { performance } from 'node:perf_hooks'
import { openDatabase, type Db } from '../src/main/core/db/open'
import { GENESIS_HASH, countAuditEvents, parsedEventHash } from '../src/main/core/audit'
import { saveChain } from '../src/main/core/chain'
import { saveToken } from '../src/main/core/tokens'
import { setGovernanceToken } from '../src/main/core/governance/settings'
import { insertSafe, saveSnapshot } from '../src/main/core/safe/store'
import { workspaceFile } from '../src/main/core/workspace/paths'
import type { SafeOverview } from '../src/shared/contract/safe'
import type { ProposalKind, ProposalStatus } from '../src/shared/contract/proposals'

/**
 * The large workspace of issue 9: 100,000 proposals and 1,000,000 audit events in a valid hash chain, with a saved
 * non-sandbox chain so `node out/main/serve.js --data-dir DIR` opens it instead of starting the sandbox.
 *
 * Its chain's RPC URL is an unreachable loopback port (127.0.0.1:9, the discard port, refused at once): the app
 * opens in its offline state, from the last synced Safe snapshot, as it does on an air-gapped or disconnected
 * machine. That is the honest measure of the app's own start-up: no RPC latency is hidden in (or added to) it.
 */
export const DEFAULT_LARGE_DIR = resolve(__dirname, '.data', 'large')
export const LARGE_PROPOSALS = 100_000
export const LARGE_EVENTS = 1_000_000
/** Open proposals (queue): enough for the 10,000-row scroll bench; the rest is history. */
export const OPEN_SHARE = 0.1
export const OFFLINE_RPC = 'http://127.0.0.1:9'
export const CHAIN_ID = 31337

export const SAFE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
export const TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
export const OWNERS = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
]
const ZERO = '0x0000000000000000000000000000000000000000'
const CATEGORIES = ['Grants', 'Operations', 'Payroll', 'Security', 'Marketing', 'Infrastructure']
const KINDS: ProposalKind[] = ['erc20_transfer', 'erc20_transfer', 'eth_transfer', 'batch', 'contract_call']
const EVENT_ACTIONS = ['signature.signed', 'signature.imported', 'proposals.synced', 'proposal.simulated']

export interface GenerateOptions {
  dataDir: string
  proposals?: number
  events?: number
  log?: (line: string) => void
}

export interface Generated {
  file: string
  proposals: number
  events: number
  ms: number
  bytes: number
}

interface Marker {
  proposals: number
  events: number
  version: number
}
const MARKER_VERSION = 1

/** The workspace at dataDir when it was generated with these counts, else a new one. */
export function ensureLargeWorkspace(options: GenerateOptions): Generated {
  const proposals = options.proposals ?? LARGE_PROPOSALS
  const events = options.events ?? LARGE_EVENTS
  const markerFile = join(options.dataDir, 'generated.json')
  const file = workspaceFile(options.dataDir)
  if (existsSync(markerFile) && existsSync(file)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker
    if (marker.version === MARKER_VERSION && marker.proposals === proposals && marker.events >= events)
      return { file, proposals, events: marker.events, ms: 0, bytes: statSync(file).size }
  }
  return generateLargeWorkspace({ ...options, proposals, events })
}

function hex64(seed: string): string {
  return createHash('sha256').update(seed).digest('hex')
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** Writes a fresh workspace (any previous one in dataDir is removed) in a few transactions. */
export function generateLargeWorkspace(options: GenerateOptions): Generated {
  const proposals = options.proposals ?? LARGE_PROPOSALS
  const events = Math.max(options.events ?? LARGE_EVENTS, proposals)
  const log = options.log ?? (() => {})
  const t0 = performance.now()
  mkdirSync(options.dataDir, { recursive: true })
  const file = workspaceFile(options.dataDir)
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  rmSync(join(options.dataDir, 'generated.json'), { force: true })

  const db = openDatabase(file)
  // A disposable benchmark file: no journal while filling it, the workspace's own WAL + FULL sync afterwards.
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  // The UNIQUE index on random hashes touches a random page per insert: keep it in memory.
  db.pragma('cache_size = -524288')
  const start = Date.parse('2022-01-01T00:00:00Z')
  const span = Date.parse('2026-01-01T00:00:00Z') - start
  const openCount = Math.min(proposals, Math.round(proposals * OPEN_SHARE))
  const closedCount = proposals - openCount
  const closedNonces = Math.ceil(closedCount * 0.97)

  db.transaction(() => {
    saveChain(
      db,
      {
        chainId: CHAIN_ID,
        name: 'Large workspace (offline)',
        rpcUrl: OFFLINE_RPC,
        isSandbox: false,
        contractNetwork: null,
      },
      new Date(start),
    )
    saveToken(db, { chainId: CHAIN_ID, address: TOKEN, symbol: 'AITBC', name: 'AITBC', decimals: 18 })
    setGovernanceToken(db, CHAIN_ID, TOKEN, 'blocknumber')
    insertSafe(db, CHAIN_ID, SAFE, 'DAO treasury', new Date(start))
    const overview: SafeOverview = {
      chainId: CHAIN_ID,
      address: SAFE,
      label: 'DAO treasury',
      version: '1.4.1',
      owners: OWNERS,
      threshold: 2,
      nonce: closedNonces,
      modules: [],
      guard: null,
      fallbackHandler: null,
      balances: [
        { symbol: 'ETH', address: null, decimals: 18, balance: '1250000000000000000000' },
        { symbol: 'AITBC', address: TOKEN, decimals: 18, balance: '98000000000000000000000000' },
      ],
      asOf: iso(start + span),
      stale: false,
    }
    saveSnapshot(db, overview)
    insertAddressBook(db, 1000, start)
    insertBudgetsGrantsBatches(db, start)
  })()
  log(`workspace tables in ${Math.round(performance.now() - t0)} ms`)

  const t1 = performance.now()
  insertProposals(db, proposals, closedCount, closedNonces, start, span)
  log(`${proposals} proposals in ${Math.round(performance.now() - t1)} ms`)

  const t2 = performance.now()
  insertAuditChain(db, events, proposals, start, span)
  log(`${events} chained audit events in ${Math.round(performance.now() - t2)} ms`)

  db.pragma('journal_mode = WAL')
  db.exec('ANALYZE')
  db.close()
  writeFileSync(
    join(options.dataDir, 'generated.json'),
    JSON.stringify({ proposals, events, version: MARKER_VERSION } satisfies Marker) + '\n',
  )
  return { file, proposals, events, ms: performance.now() - t0, bytes: statSync(file).size }
}

function insertAddressBook(db: Db, count: number, start: number): void {
  const insert = db.prepare('INSERT INTO address_book (chain_id, address, label, updated_at) VALUES (?, ?, ?, ?)')
  for (let i = 0; i < count; i++) insert.run(CHAIN_ID, address(`book:${i}`), `Contributor ${i + 1}`, iso(start + i))
}

/** A checksummed address derived from a seed (EIP-55 checksum via ethers' getAddress). */
function address(seed: string): string {
  return getAddress('0x' + hex64(seed).slice(0, 40))
}

function insertBudgetsGrantsBatches(db: Db, start: number): void {
  const period = db.prepare('INSERT INTO budget_periods (name, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?)')
  const line = db.prepare(
    `INSERT INTO budget_lines (period_id, category, chain_id, token, symbol, decimals, initial_allocation, created_at)
     VALUES (?, ?, ?, ?, 'AITBC', 18, ?, ?)`,
  )
  const lines: number[] = []
  for (let year = 2022; year <= 2025; year++) {
    const periodId = Number(period.run(`FY${year}`, `${year}-01-01`, `${year}-12-31`, iso(start)).lastInsertRowid)
    for (const category of CATEGORIES)
      lines.push(
        Number(line.run(periodId, category, CHAIN_ID, TOKEN, '5000000000000000000000000', iso(start)).lastInsertRowid),
      )
  }
  const program = db.prepare(
    'INSERT INTO grant_programs (name, category, budget_line_id, description, created_at) VALUES (?, ?, ?, ?, ?)',
  )
  const programs: number[] = []
  for (let i = 0; i < 8; i++)
    programs.push(
      Number(program.run(`Program ${i + 1}`, 'Grants', lines[i % lines.length], '', iso(start)).lastInsertRowid),
    )
  const grant = db.prepare(
    `INSERT INTO grants (program_id, title, applicant, recipient, token, symbol, decimals, amount, status, created_at)
     VALUES (?, ?, ?, ?, ?, 'AITBC', 18, ?, ?, ?)`,
  )
  const statuses = ['applied', 'approved', 'approved', 'rejected']
  for (let i = 0; i < 2000; i++) {
    const who = address(`grantee:${i}`)
    grant.run(
      programs[i % programs.length],
      `Grant ${i + 1}`,
      who,
      who,
      TOKEN,
      String(BigInt(1000 + i) * 10n ** 18n),
      statuses[i % 4],
      iso(start + i * 3_600_000),
    )
  }
  const batch = db.prepare(
    `INSERT INTO disbursement_batches (title, source, chain_id, safe_address, status, created_at, updated_at)
     VALUES (?, 'csv', ?, ?, ?, ?, ?)`,
  )
  const item = db.prepare(
    `INSERT INTO disbursement_items (batch_id, position, budget_line_id, token, receiver, amount) VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const batchStatuses = ['draft', 'cancelled', 'draft', 'cancelled']
  const payees = Array.from({ length: 5 }, (_, p) => address(`payee:${p}`))
  for (let i = 0; i < 2000; i++) {
    const at = iso(start + i * 3_600_000)
    const id = Number(batch.run(`Payout ${i + 1}`, CHAIN_ID, SAFE, batchStatuses[i % 4], at, at).lastInsertRowid)
    for (let p = 0; p < 5; p++)
      item.run(id, p, lines[i % lines.length], TOKEN, payees[p], String(BigInt(10 + p) * 10n ** 18n))
  }
}

/** Status of the i-th closed proposal: most executed, some failed, cancelled or replaced. */
function closedStatus(i: number): ProposalStatus {
  const r = i % 100
  return r < 85 ? 'executed' : r < 88 ? 'failed' : r < 95 ? 'cancelled' : 'replaced'
}

function openStatus(i: number): ProposalStatus {
  const r = i % 10
  return r < 6 ? 'awaiting_signatures' : r < 9 ? 'ready' : 'draft'
}

function insertProposals(
  db: Db,
  count: number,
  closed: number,
  closedNonces: number,
  start: number,
  span: number,
): void {
  const insert = db.prepare(
    `INSERT INTO proposals (id, chain_id, safe_address, kind, title, description, category, proposer, status, nonce,
       safe_tx, safe_tx_hash, actions, outflows, multisend_address, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const signature = db.prepare(
    `INSERT INTO proposal_signatures (proposal_id, signer, signature, kind, source, added_at)
     VALUES (?, ?, ?, 'eip712', ?, ?)`,
  )
  const sig = '0x' + 'ab'.repeat(64) + '1b'
  const recipients = Array.from({ length: 200 }, (_, i) => address(`recipient:${i}`))
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = i + 1
      const isOpen = i >= closed
      const status = isOpen ? openStatus(i) : closedStatus(i)
      // History: nonces in order, a replaced or cancelled one sharing its nonce with the next; queue: after the
      // Safe's nonce, every 50th on the same nonce as the one before (a conflict the queue flags).
      const nonce = isOpen
        ? closedNonces + (i - closed) - Math.floor((i - closed) / 50)
        : Math.min(closedNonces - 1, Math.floor(i * (closedNonces / Math.max(1, closed))))
      const kind = KINDS[i % KINDS.length]
      const to = recipients[i % recipients.length]
      const amount = String(BigInt((i % 997) + 1) * 10n ** 17n)
      const at = iso(start + Math.floor((i / count) * span))
      const erc20 = kind === 'erc20_transfer'
      const parts = kind === 'batch' ? 3 : 1
      const actions =
        kind === 'batch'
          ? Array.from({ length: parts }, (_, p) => ({
              type: 'erc20_transfer',
              token: TOKEN,
              symbol: 'AITBC',
              decimals: 18,
              to: recipients[(i + p) % recipients.length],
              amount,
            }))
          : kind === 'contract_call'
            ? [{ type: 'contract_call', to: TOKEN, value: '0', data: '0x', method: null, args: null }]
            : [
                erc20
                  ? { type: 'erc20_transfer', token: TOKEN, symbol: 'AITBC', decimals: 18, to, amount }
                  : { type: 'eth_transfer', to, amount },
              ]
      const outflows =
        kind === 'contract_call'
          ? []
          : [
              erc20 || kind === 'batch'
                ? { token: TOKEN, symbol: 'AITBC', decimals: 18, amount: String(BigInt(amount) * BigInt(parts)) }
                : { token: null, symbol: 'ETH', decimals: 18, amount },
            ]
      const safeTx = {
        to: erc20 || kind === 'contract_call' ? TOKEN : kind === 'batch' ? OWNERS[0] : to,
        value: kind === 'eth_transfer' ? amount : '0',
        data: '0x',
        operation: kind === 'batch' ? 1 : 0,
        safeTxGas: '0',
        baseGas: '0',
        gasPrice: '0',
        gasToken: ZERO,
        refundReceiver: ZERO,
        nonce: String(nonce),
      }
      insert.run(
        id,
        CHAIN_ID,
        SAFE,
        kind,
        `${kind === 'batch' ? 'Payout batch' : kind === 'contract_call' ? 'Contract call' : 'Transfer'} ${id}`,
        CATEGORIES[i % CATEGORIES.length],
        OWNERS[i % 3],
        status,
        nonce,
        JSON.stringify(safeTx),
        '0x' + hex64(`safeTx:${id}`),
        JSON.stringify(actions),
        JSON.stringify(outflows),
        kind === 'batch' ? OWNERS[0] : null,
        at,
        at,
      )
      const signatures = status === 'draft' ? 0 : status === 'awaiting_signatures' ? 1 : isOpen ? 2 : 0
      for (let s = 0; s < signatures; s++) signature.run(id, OWNERS[(i + s) % 3], sig, s ? 'bundle' : 'local', at)
    }
  })()
}

/**
 * `count` events hashed with the core's own function (`parsedEventHash`, held equal to `eventHash` by the audit
 * tests), so `verifyAuditChain` passes: one `proposal.created` per proposal, then signatures, syncs, simulations.
 */
function insertAuditChain(db: Db, count: number, proposals: number, start: number, span: number): void {
  const insert = db.prepare(
    'INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const perProposal = count / proposals
  db.transaction(() => {
    let prev = GENESIS_HASH
    for (let seq = 1; seq <= count; seq++) {
      const proposal = Math.min(proposals, Math.floor((seq - 1) / perProposal) + 1)
      const first = Math.floor((proposal - 1) * perProposal) + 1 === seq
      const at = iso(start + Math.floor((seq / count) * span))
      const actor = OWNERS[seq % 3]
      const action = first ? 'proposal.created' : EVENT_ACTIONS[seq % EVENT_ACTIONS.length]
      const subject = `proposal:${proposal}`
      const payload = first
        ? { title: `Proposal ${proposal}`, safe: SAFE, safeTxHash: '0x' + hex64(`safeTx:${proposal}`) }
        : { signer: actor, note: `event ${seq}` }
      const hash = parsedEventHash(prev, seq, at, actor, action, subject, payload)
      insert.run(seq, at, actor, action, subject, JSON.stringify(payload), prev, hash)
      prev = hash
    }
    countAuditEvents(db, 1, count)
  })()
}
