import { createRequire } from 'node:module'
import type { Db } from '../db/open'
import { recordSource } from './record-sources'
import { humanUnits } from './units'

export { humanUnits }

/**
 * Treasury activity for auditors: one row per audit event, in chain order, with the columns auditors expect.
 * The subject names the chain and Safe, the payload fills the columns it names, and `recordSource`
 * (record-sources.ts) fills the transaction columns of events about proposals, batches, grants and governance.
 */
export const ACTIVITY_COLUMNS = [
  ['utcTime', 'utc_time'],
  ['chainId', 'chain_id'],
  ['safe', 'safe'],
  ['nonce', 'nonce'],
  ['safeTxHash', 'safe_tx_hash'],
  ['txHash', 'tx_hash'],
  ['block', 'block'],
  ['from', 'from'],
  ['to', 'to'],
  ['tokenSymbol', 'token_symbol'],
  ['tokenAddress', 'token_address'],
  ['amount', 'amount'],
  ['amountBaseUnits', 'amount_base_units'],
  ['decimals', 'decimals'],
  ['fee', 'fee'],
  ['category', 'category'],
  ['budgetLine', 'budget_line'],
  ['grant', 'grant'],
  ['milestone', 'milestone'],
  ['proposalTitle', 'proposal_title'],
  ['proposer', 'proposer'],
  ['signers', 'signers'],
  ['executor', 'executor'],
  ['status', 'status'],
  ['note', 'note'],
  ['auditSeq', 'audit_seq'],
  ['auditAction', 'audit_action'],
  ['auditActor', 'audit_actor'],
  ['auditSubject', 'audit_subject'],
  ['auditHash', 'audit_hash'],
] as const

export type ActivityKey = (typeof ACTIVITY_COLUMNS)[number][0]
/** Every cell is text, already as it should appear (amounts in base units are integers, never floats). */
export type ActivityRow = Record<ActivityKey, string>

export const ACTIVITY_HEADERS: readonly string[] = ACTIVITY_COLUMNS.map(([, header]) => header)
export const ACTIVITY_KEYS: readonly ActivityKey[] = ACTIVITY_COLUMNS.map(([key]) => key)

/**
 * The audit event behind a row, as stored (payload still JSON text: most sources never need it parsed). The same
 * object is reused for the next event: a source copies what it wants to keep.
 */
export interface ActivityEvent {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  payloadJson: string
  hash: string
  /** The payload parsed, once, on first use. */
  payload(): unknown
}

/**
 * Extension point: a capability that records treasury activity (proposals, executions, grants, budgets…) adds a
 * source to `ACTIVITY_SOURCES`. `handles` is asked once per action name; `prepare` runs once per export with the
 * read-only database (prepare statements and lookups there) and returns the filler called for each event.
 * Sources run in order; a later one may overwrite what an earlier one set. The CSV writer hands every event the
 * same row object (reset between events): a filler sets cells, it never keeps the row or the event.
 */
export interface ActivitySource {
  name: string
  handles(action: string): boolean
  prepare(db: Db): (row: ActivityRow, event: ActivityEvent) => void
}

/** `safe:<chainId>:<address>` and `chain:<chainId>` subjects name the chain and the Safe. */
export const subjectSource: ActivitySource = {
  name: 'subject',
  handles: (action) => action !== '',
  prepare: () => (row, event) => {
    const s = event.subject
    if (s.startsWith('safe:')) {
      const [, chainId, address] = s.split(':')
      row.chainId = chainId ?? ''
      row.safe = address ?? ''
    } else if (s.startsWith('chain:')) {
      row.chainId = s.slice('chain:'.length)
    }
  },
}

/**
 * The payload convention: an audit payload that uses the column names (camelCase) fills those columns, so a new
 * capability gets its rows filled by naming its payload fields well. `amount` is in base units (a decimal string);
 * the human amount is derived with `decimals` or the token's known decimals. `signers` may be an array.
 */
export const payloadConventionSource: ActivitySource = {
  name: 'payload-convention',
  handles: () => true,
  prepare(db) {
    const tokens = new Map<string, { symbol: string; decimals: number }>()
    for (const t of db.prepare('SELECT chain_id, address, symbol, decimals FROM tokens').all() as Array<{
      chain_id: number
      address: string
      symbol: string
      decimals: number
    }>)
      tokens.set(`${t.chain_id}:${t.address.toLowerCase()}`, { symbol: t.symbol, decimals: t.decimals })

    return (row, event) => {
      // Cheap test first: most events' payloads name none of the columns.
      if (event.payloadJson.length < 8 || event.payloadJson.charCodeAt(0) !== 123) return
      const p = event.payload() as Record<string, unknown>
      if (p === null || typeof p !== 'object' || Array.isArray(p)) return
      for (const key in p) {
        if (!CONVENTION_KEYS.has(key)) continue
        const v = p[key]
        if (v === undefined || v === null) continue
        row[key as ActivityKey] = Array.isArray(v)
          ? v.map(String).join(';')
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v)
      }
      if (typeof p.amount === 'string' || typeof p.amount === 'number' || typeof p.amount === 'bigint') {
        row.amountBaseUnits = String(p.amount)
        row.amount = ''
        const token = typeof p.token === 'string' ? p.token : typeof p.tokenAddress === 'string' ? p.tokenAddress : ''
        if (token) row.tokenAddress = checksum(token)
        const known = token ? tokens.get(`${row.chainId}:${token.toLowerCase()}`) : undefined
        if (known && !row.tokenSymbol) row.tokenSymbol = known.symbol
        const decimals = typeof p.decimals === 'number' ? p.decimals : known?.decimals
        if (decimals !== undefined) {
          row.decimals = String(decimals)
          row.amount = humanUnits(row.amountBaseUnits, decimals)
        }
      }
    }
  },
}

const CONVENTION_KEYS = new Set<string>(
  ACTIVITY_KEYS.filter((k) => !k.startsWith('audit') && k !== 'utcTime' && k !== 'amount' && k !== 'tokenAddress'),
)

const checksums = new Map<string, string>()
let getAddress: ((address: string) => string) | null = null

/**
 * EIP-55 costs a keccak per call; a treasury has few distinct addresses, so each is checksummed once. ethers is
 * loaded on the first address not known yet: a CSV helper thread seeded with the workspace's tokens (see
 * csv-parallel.ts) never pays for loading it.
 */
function checksum(address: string): string {
  let known = checksums.get(address)
  if (known === undefined) {
    try {
      getAddress ??= (
        createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/index.js')(
          'ethers',
        ) as typeof import('ethers')
      ).getAddress
      known = getAddress(address)
    } catch {
      known = address
    }
    if (checksums.size < 100_000) checksums.set(address, known)
  }
  return known
}

/** Checksums computed so far (the spellings seen and their EIP-55 form), to seed another thread with. */
export function knownChecksums(): Array<[string, string]> {
  return [...checksums]
}

/** Takes checksums another thread computed; only spellings that are not known yet. */
export function seedChecksums(entries: Array<[string, string]>): void {
  for (const [spelling, eip55] of entries)
    if (checksums.size < 100_000 && !checksums.has(spelling)) checksums.set(spelling, eip55)
}

/** Checksums every spelling of the workspace's token addresses a payload is likely to use, ahead of an export. */
export function warmTokenChecksums(db: Db): void {
  for (const address of db.prepare('SELECT DISTINCT address FROM tokens').pluck().all() as string[]) {
    checksum(address.toLowerCase())
    checksum(checksum(address))
  }
}

/** The sources every export runs, in order. A capability appends its own here. */
export const ACTIVITY_SOURCES: ActivitySource[] = [subjectSource, payloadConventionSource, recordSource]

export interface SeqRange {
  firstSeq: number
  lastSeq: number
}

/** The statement every activity reader uses: raw rows [seq, at, actor, action, subject, payload, hash]. */
export const ACTIVITY_EVENTS_SQL =
  'SELECT seq, at, actor, action, subject, payload, hash FROM audit_events WHERE seq BETWEEN ? AND ? ORDER BY seq'

export type ActivityEventRow = [number, string, string, string, string, string, string]

/**
 * The sources prepared once for an export, as one function that fills a row from an event (the fillers that
 * handle an action are picked once per action name).
 */
export function activityFiller(
  db: Db,
  sources: readonly ActivitySource[] = ACTIVITY_SOURCES,
): (row: ActivityRow, event: ActivityEvent) => void {
  const fillers = sources.map((s) => ({ source: s, fill: s.prepare(db) }))
  const byAction = new Map<string, Array<(row: ActivityRow, event: ActivityEvent) => void>>()
  return (row, event) => {
    let fill = byAction.get(event.action)
    if (!fill) {
      fill = fillers.filter((f) => f.source.handles(event.action)).map((f) => f.fill)
      byAction.set(event.action, fill)
    }
    for (let i = 0; i < fill.length; i++) fill[i](row, event)
  }
}

/**
 * Yields one row per audit event of the range, in order, through a prepared statement in raw mode (no object per
 * SQLite row). Each row is a fresh object; the CSV writer (csv-rows.ts) reuses one instead.
 */
export function* treasuryActivityRows(
  db: Db,
  range: SeqRange,
  sources: readonly ActivitySource[] = ACTIVITY_SOURCES,
): Generator<ActivityRow> {
  const fill = activityFiller(db, sources)
  const statement = db.prepare(ACTIVITY_EVENTS_SQL).raw(true)
  const event = new EventView()
  // Pages of rows through all() rather than iterate(): a third fewer crossings into SQLite per row, memory bounded.
  for (let first = range.firstSeq; first <= range.lastSeq; first += ACTIVITY_PAGE) {
    const page = statement.all(first, Math.min(range.lastSeq, first + ACTIVITY_PAGE - 1)) as ActivityEventRow[]
    for (const r of page) {
      event.reset(r)
      const row = emptyRow(event)
      fill(row, event)
      yield row
    }
  }
}
export const ACTIVITY_PAGE = 4096
const NOT_PARSED = Symbol('not parsed')

/** One object reused for every event of an export (sources must not keep it): no closure or object per row. */
export class EventView implements ActivityEvent {
  seq = 0
  at = ''
  actor = ''
  action = ''
  subject = ''
  payloadJson = 'null'
  hash = ''
  private parsed: unknown = NOT_PARSED

  reset(r: ActivityEventRow): void {
    this.seq = r[0]
    this.at = r[1]
    this.actor = r[2]
    this.action = r[3]
    this.subject = r[4]
    this.payloadJson = r[5]
    this.hash = r[6]
    this.parsed = NOT_PARSED
  }

  payload(): unknown {
    if (this.parsed === NOT_PARSED) {
      try {
        this.parsed = JSON.parse(this.payloadJson)
      } catch {
        this.parsed = null
      }
    }
    return this.parsed
  }
}

/** A row with only the event's own columns filled (utc_time and the audit columns). */
export function emptyRow(e: ActivityEvent): ActivityRow {
  return resetRow({} as ActivityRow, e)
}

/**
 * Sets every column of `row` for a new event: the event's own columns, the rest empty. The CSV writer resets one
 * row object per event instead of allocating 30-property objects a million times. Properties are assigned in
 * column order, so every row has the same shape.
 */
export function resetRow(row: ActivityRow, e: ActivityEvent): ActivityRow {
  row.utcTime = e.at
  row.chainId = ''
  row.safe = ''
  row.nonce = ''
  row.safeTxHash = ''
  row.txHash = ''
  row.block = ''
  row.from = ''
  row.to = ''
  row.tokenSymbol = ''
  row.tokenAddress = ''
  row.amount = ''
  row.amountBaseUnits = ''
  row.decimals = ''
  row.fee = ''
  row.category = ''
  row.budgetLine = ''
  row.grant = ''
  row.milestone = ''
  row.proposalTitle = ''
  row.proposer = ''
  row.signers = ''
  row.executor = ''
  row.status = ''
  row.note = ''
  row.auditSeq = String(e.seq)
  row.auditAction = e.action
  row.auditActor = e.actor
  row.auditSubject = e.subject
  row.auditHash = e.hash
  return row
}

export function activityCells(row: ActivityRow): string[] {
  return ACTIVITY_KEYS.map((k) => row[k])
}
