import type { Db } from '../db/open'
import { cachedStatement } from '../db/statements'
import type { SafeTx } from '../../../shared/contract/safe-tx'
import type { Tally } from './state'
import { spendingFromJson, type ProposalContent } from './typed-data'
import type { ProposalKind, SpendingPayload, TypeRules } from './types'

export interface SignedDecision {
  at: string
  by: string
  note: string
  signature: string
}

export interface SafeLink {
  safeProposalId: string | null
  safeTxHash: string
  nonce: number
  safeTx: SafeTx
}

export interface ProposalRecord {
  id: string
  chainId: number
  token: string
  kind: ProposalKind
  title: string
  body: string
  proposer: string
  content: string
  createdBlock: number
  snapshotBlock: number
  endBlock: number
  rules: TypeRules
  spending: SpendingPayload | null
  totalSupply: bigint | null
  queuedAt: number | null
  eta: number | null
  canceled: SignedDecision | null
  implemented: SignedDecision | null
  safeLink: SafeLink | null
  execution: { txHash: string; at: number } | null
  createdAt: string
}

interface ProposalRow {
  id: string
  chain_id: number
  token: string
  kind: ProposalKind
  title: string
  body: string
  proposer: string
  content: string
  created_block: number
  snapshot_block: number
  end_block: number
  voting_delay_blocks: number
  voting_period_blocks: number
  quorum_bps: number
  pass_threshold_bps: number
  timelock_seconds: number
  grace_period_seconds: number
  spending: string | null
  total_supply: string | null
  queued_at: number | null
  eta: number | null
  canceled_at: string | null
  canceled_by: string | null
  cancel_note: string | null
  cancel_signature: string | null
  implemented_at: string | null
  implemented_by: string | null
  implemented_note: string | null
  implemented_signature: string | null
  safe_proposal_id: string | null
  safe_tx_hash: string | null
  safe_nonce: number | null
  safe_tx: string | null
  execution_tx_hash: string | null
  executed_at: number | null
  created_at: string
}

function decision(
  at: string | null,
  by: string | null,
  note: string | null,
  sig: string | null,
): SignedDecision | null {
  return at && by ? { at, by, note: note ?? '', signature: sig ?? '' } : null
}

function fromRow(r: ProposalRow): ProposalRecord {
  return {
    id: r.id,
    chainId: r.chain_id,
    token: r.token,
    kind: r.kind,
    title: r.title,
    body: r.body,
    proposer: r.proposer,
    content: r.content,
    createdBlock: r.created_block,
    snapshotBlock: r.snapshot_block,
    endBlock: r.end_block,
    rules: {
      votingDelayBlocks: r.voting_delay_blocks,
      votingPeriodBlocks: r.voting_period_blocks,
      quorumBps: r.quorum_bps,
      passThresholdBps: r.pass_threshold_bps,
      timelockSeconds: r.timelock_seconds,
      gracePeriodSeconds: r.grace_period_seconds,
    },
    spending: r.spending ? spendingFromJson(JSON.parse(r.spending) as ProposalContent['spending']) : null,
    totalSupply: r.total_supply === null ? null : BigInt(r.total_supply),
    queuedAt: r.queued_at,
    eta: r.eta,
    canceled: decision(r.canceled_at, r.canceled_by, r.cancel_note, r.cancel_signature),
    implemented: decision(r.implemented_at, r.implemented_by, r.implemented_note, r.implemented_signature),
    safeLink:
      r.safe_tx_hash && r.safe_tx && r.safe_nonce !== null
        ? {
            safeProposalId: r.safe_proposal_id,
            safeTxHash: r.safe_tx_hash,
            nonce: r.safe_nonce,
            safeTx: JSON.parse(r.safe_tx) as SafeTx,
          }
        : null,
    execution:
      r.execution_tx_hash && r.executed_at !== null ? { txHash: r.execution_tx_hash, at: r.executed_at } : null,
    createdAt: r.created_at,
  }
}

export function insertProposal(db: Db, p: ProposalContent & { id: string; content: string }): void {
  db.prepare(
    `INSERT INTO governance_proposals (id, chain_id, token, kind, title, body, proposer, content, created_block,
       snapshot_block, end_block, voting_delay_blocks, voting_period_blocks, quorum_bps, pass_threshold_bps,
       timelock_seconds, grace_period_seconds, spending, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    p.chainId,
    p.token,
    p.kind,
    p.title,
    p.body,
    p.proposer,
    p.content,
    p.createdBlock,
    p.snapshotBlock,
    p.endBlock,
    p.rules.votingDelayBlocks,
    p.rules.votingPeriodBlocks,
    p.rules.quorumBps,
    p.rules.passThresholdBps,
    p.rules.timelockSeconds,
    p.rules.gracePeriodSeconds,
    p.spending ? JSON.stringify(p.spending) : null,
    p.createdAt,
  )
}

export function getProposal(db: Db, id: string): ProposalRecord | null {
  const row = db.prepare('SELECT * FROM governance_proposals WHERE id = ?').get(id.toLowerCase()) as
    ProposalRow | undefined
  return row ? fromRow(row) : null
}

export function listProposals(db: Db, chainId: number): ProposalRecord[] {
  return (
    db
      .prepare('SELECT * FROM governance_proposals WHERE chain_id = ? ORDER BY created_block DESC, created_at DESC')
      .all(chainId) as ProposalRow[]
  ).map(fromRow)
}

export function findBySafeTxHash(db: Db, safeTxHash: string): ProposalRecord | null {
  const row = db.prepare('SELECT * FROM governance_proposals WHERE safe_tx_hash = ?').get(safeTxHash.toLowerCase()) as
    ProposalRow | undefined
  return row ? fromRow(row) : null
}

/** A cache of a chain fact (re-derivable), so it is written outside audited mutations too. */
export function setTotalSupply(db: Db, id: string, supply: bigint): void {
  db.prepare('UPDATE governance_proposals SET total_supply = ? WHERE id = ? AND total_supply IS NULL').run(
    supply.toString(),
    id,
  )
}

export function setQueued(db: Db, id: string, queuedAt: number, eta: number): void {
  db.prepare('UPDATE governance_proposals SET queued_at = ?, eta = ? WHERE id = ? AND eta IS NULL').run(
    queuedAt,
    eta,
    id,
  )
}

export function setCanceled(db: Db, id: string, d: SignedDecision): void {
  db.prepare(
    `UPDATE governance_proposals SET canceled_at = ?, canceled_by = ?, cancel_note = ?, cancel_signature = ?
     WHERE id = ? AND canceled_at IS NULL`,
  ).run(d.at, d.by, d.note, d.signature, id)
}

export function setImplemented(db: Db, id: string, d: SignedDecision): void {
  db.prepare(
    `UPDATE governance_proposals SET implemented_at = ?, implemented_by = ?, implemented_note = ?,
       implemented_signature = ? WHERE id = ? AND implemented_at IS NULL`,
  ).run(d.at, d.by, d.note, d.signature, id)
}

export function setSafeLink(db: Db, id: string, link: SafeLink): void {
  db.prepare(
    `UPDATE governance_proposals SET safe_proposal_id = ?, safe_tx_hash = ?, safe_nonce = ?, safe_tx = ? WHERE id = ?`,
  ).run(link.safeProposalId, link.safeTxHash.toLowerCase(), link.nonce, JSON.stringify(link.safeTx), id)
}

/** The Safe executed the linked SafeTx: a chain fact, recorded once seen. */
export function setExecution(db: Db, id: string, txHash: string, at: number): void {
  db.prepare(
    'UPDATE governance_proposals SET execution_tx_hash = ?, executed_at = ? WHERE id = ? AND execution_tx_hash IS NULL',
  ).run(txHash, at, id)
}

// ---- votes ----

export interface StoredVote {
  proposalId: string
  voter: string
  support: 0 | 1 | 2
  timestamp: number
  reason: string
  signature: string
  weight: bigint
  importedAt: string
  /**
   * The EIP-712 domain separator the signature was verified under (the import's check sets it); with it a later
   * import of the identical line takes the signer from this vote instead of recovering it (stored-votes.ts).
   */
  domainSeparator?: string | null
}

interface VoteRow {
  proposal_id: string
  voter: string
  support: 0 | 1 | 2
  timestamp: number
  reason: string
  signature: string
  weight: string
  imported_at: string
}

const voteFromRow = (r: VoteRow): StoredVote => ({
  proposalId: r.proposal_id,
  voter: r.voter,
  support: r.support,
  timestamp: r.timestamp,
  reason: r.reason,
  signature: r.signature,
  weight: BigInt(r.weight),
  importedAt: r.imported_at,
})

/**
 * Stores votes, keeping each voter's latest vote (by signed timestamp) the counted one and the proposal's stored
 * tally equal to the sum of its counted votes: a vote newer than the voter's counted one replaces it in the tally, an
 * older one is stored as superseded. Call it inside the transaction that audits the import, so votes, flags and tally
 * change together or not at all.
 */
export function insertVotes(db: Db, votes: StoredVote[]): void {
  // Cached: an import stores its votes in one call, but other writers store a few at a time.
  const insert = cachedStatement(
    db,
    `INSERT INTO governance_votes
       (proposal_id, voter, support, timestamp, reason, signature, weight, imported_at, counted, domain_separator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const current = cachedStatement(
    db,
    'SELECT support, timestamp, weight FROM governance_votes WHERE proposal_id = ? AND voter = ? AND counted = 1',
  )
  const uncount = cachedStatement(
    db,
    'UPDATE governance_votes SET counted = 0 WHERE proposal_id = ? AND voter = ? AND timestamp = ?',
  )
  const tallies = new Map<string, StoredTally>()
  // Each voter's counted vote as this batch leaves it; a proposal without votes before the batch needs no lookups
  // (a first import of 80,000 votes would otherwise probe the table 80,000 times for nothing).
  const counted = new Map<string, CountedVote | null>()
  const emptyBefore = new Set<string>()
  db.transaction(() => {
    for (const v of votes) {
      let t = tallies.get(v.proposalId)
      if (!t) {
        tallies.set(v.proposalId, (t = storedTally(db, v.proposalId)))
        if (t.voters === 0) emptyBefore.add(v.proposalId)
      }
      const key = `${v.proposalId} ${v.voter}`
      let was = counted.get(key)
      if (was === undefined) {
        const row = emptyBefore.has(v.proposalId)
          ? undefined
          : (current.get(v.proposalId, v.voter) as
              { support: 0 | 1 | 2; timestamp: number; weight: string } | undefined)
        was = row ? { support: row.support, timestamp: row.timestamp, weight: BigInt(row.weight) } : null
      }
      const counts = !was || was.timestamp < v.timestamp
      if (was && counts) {
        uncount.run(v.proposalId, v.voter, was.timestamp)
        addTo(t.tally, was.support, -was.weight)
      }
      if (counts) {
        addTo(t.tally, v.support, v.weight)
        if (!was) t.voters += 1
      }
      t.votes += 1
      counted.set(key, counts ? { support: v.support, timestamp: v.timestamp, weight: v.weight } : was)
      insert.run(
        v.proposalId,
        v.voter,
        v.support,
        v.timestamp,
        v.reason,
        v.signature,
        v.weight.toString(),
        v.importedAt,
        counts ? 1 : 0,
        v.domainSeparator ?? null,
      )
    }
    for (const [proposalId, t] of tallies) saveTally(db, proposalId, t)
  })()
}

interface CountedVote {
  support: 0 | 1 | 2
  timestamp: number
  weight: bigint
}

function addTo(tally: Tally, support: 0 | 1 | 2, weight: bigint) {
  if (support === 1) tally.for += weight
  else if (support === 0) tally.against += weight
  else tally.abstain += weight
}

/** A proposal's tally over its counted votes, their number (voters) and the number of all its stored votes. */
interface StoredTally {
  tally: Tally
  voters: number
  votes: number
}

function saveTally(db: Db, proposalId: string, { tally, voters, votes }: StoredTally) {
  db.prepare(
    `INSERT INTO governance_vote_tallies (proposal_id, for_votes, against_votes, abstain_votes, voters, votes)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(proposal_id) DO UPDATE SET for_votes = excluded.for_votes, against_votes = excluded.against_votes,
       abstain_votes = excluded.abstain_votes, voters = excluded.voters, votes = excluded.votes`,
  ).run(proposalId, tally.for.toString(), tally.against.toString(), tally.abstain.toString(), voters, votes)
}

/** Every stored vote of a voter on a proposal, newest first. */
export function votesOf(db: Db, proposalId: string, voter: string): StoredVote[] {
  return (
    db
      .prepare('SELECT * FROM governance_votes WHERE proposal_id = ? AND voter = ? ORDER BY timestamp DESC')
      .all(proposalId, voter) as VoteRow[]
  ).map(voteFromRow)
}

/** The vote that counts for each voter: their latest by signed timestamp (flagged when stored). */
export function countedVotes(db: Db, proposalId: string): StoredVote[] {
  return (
    db
      .prepare('SELECT * FROM governance_votes WHERE proposal_id = ? AND counted = 1 ORDER BY voter')
      .all(proposalId) as VoteRow[]
  ).map(voteFromRow)
}

export function allVotes(db: Db, proposalId: string): StoredVote[] {
  return (
    db
      .prepare('SELECT * FROM governance_votes WHERE proposal_id = ? ORDER BY voter, timestamp')
      .all(proposalId) as VoteRow[]
  ).map(voteFromRow)
}

/** What a new vote is checked against: a stored vote's signed timestamp, choice and reason. */
export interface VoteHistoryEntry {
  timestamp: number
  support: number
  reason: string
}

/**
 * The stored votes of `voters` on a proposal, by voter (every voter given has a list, empty when none). A few voters
 * of a large decision are looked up through the primary key (proposal, voter); many read in one pass over the
 * proposal's rows, only the columns the check needs (a second import of 80,000 votes read every row whole before).
 */
export function voteHistory(db: Db, proposalId: string, voters: Set<string>): Map<string, VoteHistoryEntry[]> {
  const out = new Map<string, VoteHistoryEntry[]>()
  for (const voter of voters) out.set(voter, [])
  // Read only (the check writes nothing): the stored tally's count, else a count of the rows.
  const stored =
    (db.prepare('SELECT votes FROM governance_vote_tallies WHERE proposal_id = ?').pluck().get(proposalId) as
      number | undefined) ??
    (db.prepare('SELECT count(*) FROM governance_votes WHERE proposal_id = ?').pluck().get(proposalId) as number)
  if (stored === 0) return out
  type Row = [string, number, number, string]
  if (voters.size * 8 < stored) {
    const lookup = cachedStatement(
      db,
      'SELECT voter, timestamp, support, reason FROM governance_votes WHERE proposal_id = ? AND voter = ?',
    ).raw(true)
    for (const voter of voters)
      for (const [, timestamp, support, reason] of lookup.all(proposalId, voter) as Row[])
        out.get(voter)!.push({ timestamp, support, reason })
    return out
  }
  const rows = db
    .prepare('SELECT voter, timestamp, support, reason FROM governance_votes WHERE proposal_id = ?')
    .raw(true)
    .iterate(proposalId) as IterableIterator<Row>
  for (const [voter, timestamp, support, reason] of rows) out.get(voter)?.push({ timestamp, support, reason })
  return out
}

/** Every stored vote of a proposal, superseded ones too: kept with the tally, so it costs one row at any size. */
export function voteCount(db: Db, proposalId: string): number {
  return storedTally(db, proposalId).votes
}

/** The page's order, the governance_votes_page index's (0020): a page is read from it without a sort. */
const VOTE_PAGE_ORDER = 'ORDER BY counted DESC, length(weight) DESC, weight DESC, voter, timestamp'

type PagedVoteRow = VoteRow & { counted: 0 | 1 }
const pagedVoteFromRow = (r: PagedVoteRow): PagedVote => ({ ...voteFromRow(r), counted: r.counted === 1 })

/**
 * One page of a proposal's votes in the page's order: counted votes first, then the heaviest (weights compare as
 * numbers: longer decimal text first, then the text), then voter and timestamp. Read from the governance_votes_page
 * index; a deep page still steps over its OFFSET rows (votePageAfter does not).
 */
export function votePage(db: Db, proposalId: string, offset: number, limit: number): PagedVote[] {
  return (
    cachedStatement(db, `SELECT * FROM governance_votes WHERE proposal_id = ? ${VOTE_PAGE_ORDER} LIMIT ? OFFSET ?`).all(
      proposalId,
      limit,
      offset,
    ) as PagedVoteRow[]
  ).map(pagedVoteFromRow)
}

export type PagedVote = StoredVote & { counted: boolean }

/** A place in the page's order: the page read after it starts with the vote that follows this one. */
export type VotePlace = Pick<PagedVote, 'counted' | 'weight' | 'voter' | 'timestamp'>

/**
 * The votes after `after` in the page's order (keyset paging): each read seeks into the governance_votes_page index at
 * the place, so a page costs its own rows at any depth. The order is total (a voter has one vote per timestamp), so a
 * walk from place to place meets every vote once; votes stored meanwhile appear if they sort after the place.
 *
 * The order mixes directions (counted, length, weight descending; voter, timestamp ascending), so "after" is not one
 * row-value comparison. It is five ranges, each an equality prefix of the index and one bound, read in the page's
 * order until the page is full: same voter later timestamp; same weight later voter; same length lighter weight;
 * same flag shorter weight; superseded votes after the counted ones.
 */
export function votePageAfter(db: Db, proposalId: string, after: VotePlace, limit: number): PagedVote[] {
  const counted = after.counted ? 1 : 0
  const weight = after.weight.toString()
  // Each range orders by the index's columns after its equality prefix: with the fixed columns left in the ORDER BY,
  // SQLite sorts the range in a temporary b-tree instead of reading it in the index's order (EXPLAIN QUERY PLAN).
  const ranges: Array<[string, string, unknown[]]> = [
    [
      'counted = ? AND length(weight) = ? AND weight = ? AND voter = ? AND timestamp > ?',
      'timestamp',
      [counted, weight.length, weight, after.voter, after.timestamp],
    ],
    [
      'counted = ? AND length(weight) = ? AND weight = ? AND voter > ?',
      'voter, timestamp',
      [counted, weight.length, weight, after.voter],
    ],
    [
      'counted = ? AND length(weight) = ? AND weight < ?',
      'weight DESC, voter, timestamp',
      [counted, weight.length, weight],
    ],
    [
      'counted = ? AND length(weight) < ?',
      'length(weight) DESC, weight DESC, voter, timestamp',
      [counted, weight.length],
    ],
    ['counted < ?', 'counted DESC, length(weight) DESC, weight DESC, voter, timestamp', [counted]],
  ]
  const votes: PagedVote[] = []
  for (const [where, order, args] of ranges) {
    if (votes.length >= limit) break
    const rows = cachedStatement(
      db,
      `SELECT * FROM governance_votes WHERE proposal_id = ? AND ${where} ORDER BY ${order} LIMIT ?`,
    ).all(proposalId, ...args, limit - votes.length) as PagedVoteRow[]
    for (const r of rows) votes.push(pagedVoteFromRow(r))
  }
  return votes
}

/** A place as the API passes it (`governance.votes` `after`, a page's `next`): "counted:weight:voter:timestamp". */
export function placeText(v: VotePlace): string {
  return `${v.counted ? 1 : 0}:${v.weight}:${v.voter}:${v.timestamp}`
}

/** The place a placeText names; the contract's schema has checked its shape. */
export function placeOf(text: string): VotePlace {
  const [counted, weight, voter, timestamp] = text.split(':')
  return { counted: counted === '1', weight: BigInt(weight), voter, timestamp: Number(timestamp) }
}

/**
 * Every vote (counted and superseded) of some voters on a proposal, in the page's order, and how many there are:
 * read through the primary key (proposal, voter), so it costs those voters' rows whatever the proposal's size.
 */
export function votesOfVoters(
  db: Db,
  proposalId: string,
  voters: string[],
  offset: number,
  limit: number,
): { votes: Array<StoredVote & { counted: boolean }>; total: number } {
  const rows = db
    .prepare(
      `SELECT * FROM governance_votes WHERE proposal_id = ? AND voter IN (${voters.map(() => '?').join(', ')})
       ${VOTE_PAGE_ORDER}`,
    )
    .all(proposalId, ...voters) as PagedVoteRow[]
  return { votes: rows.slice(offset, offset + limit).map(pagedVoteFromRow), total: rows.length }
}

/** The proposal's tally over its counted votes (the stored one: see storedTally). */
export function tallyOf(db: Db, proposalId: string): { tally: Tally; voters: number } {
  const { tally, voters } = storedTally(db, proposalId)
  return { tally, voters }
}

/**
 * The stored tally, kept by insertVotes; computed from the votes (and stored, as a re-derivable cache) when a
 * proposal has none yet, e.g. votes stored before migration 0020.
 */
function storedTally(db: Db, proposalId: string): StoredTally {
  const row = db
    .prepare(
      'SELECT for_votes, against_votes, abstain_votes, voters, votes FROM governance_vote_tallies WHERE proposal_id = ?',
    )
    .get(proposalId) as
    { for_votes: string; against_votes: string; abstain_votes: string; voters: number; votes: number } | undefined
  if (row)
    return {
      tally: { for: BigInt(row.for_votes), against: BigInt(row.against_votes), abstain: BigInt(row.abstain_votes) },
      voters: row.voters,
      votes: row.votes,
    }
  const votes = (
    db.prepare('SELECT count(*) AS n FROM governance_votes WHERE proposal_id = ?').get(proposalId) as { n: number }
  ).n
  const computed = { ...tallyOfVotes(countedVotes(db, proposalId)), votes }
  saveTally(db, proposalId, computed)
  return computed
}

/** The tally of a set of counted votes: one per voter. */
export function tallyOfVotes(votes: Array<Pick<StoredVote, 'support' | 'weight'>>): { tally: Tally; voters: number } {
  const tally: Tally = { for: 0n, against: 0n, abstain: 0n }
  for (const v of votes) addTo(tally, v.support, v.weight)
  return { tally, voters: votes.length }
}

// ---- past voting power cache ----

/** From this many accounts on, one scan of the block's cached weights costs less than a lookup per account. */
const WEIGHTS_SCAN_FROM = 1_000

export function cachedWeights(db: Db, chainId: number, token: string, block: number, accounts: string[]) {
  const found = new Map<string, bigint>()
  if (accounts.length >= WEIGHTS_SCAN_FROM) {
    const wanted = new Set(accounts)
    const rows = db
      .prepare('SELECT account, votes FROM governance_weights WHERE chain_id = ? AND token = ? AND block = ?')
      .iterate(chainId, token, block) as IterableIterator<{ account: string; votes: string }>
    for (const row of rows) if (wanted.has(row.account)) found.set(row.account, BigInt(row.votes))
    return found
  }
  const stmt = db.prepare(
    'SELECT votes FROM governance_weights WHERE chain_id = ? AND token = ? AND block = ? AND account = ?',
  )
  for (const account of accounts) {
    const row = stmt.get(chainId, token, block, account) as { votes: string } | undefined
    if (row) found.set(account, BigInt(row.votes))
  }
  return found
}

/** Past votes never change once the block is in the past: a re-derivable cache, written without an audit event. */
export function saveWeights(db: Db, chainId: number, token: string, block: number, weights: Map<string, bigint>) {
  const stmt = db.prepare(
    `INSERT INTO governance_weights (chain_id, token, block, account, votes) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING`,
  )
  db.transaction(() => {
    for (const [account, votes] of weights) stmt.run(chainId, token, block, account, votes.toString())
  })()
}
