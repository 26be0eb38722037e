import type { Db } from '../db/open'
import type { ActivityEvent, ActivityKey, ActivityRow, ActivitySource } from './activity'
import { humanUnits } from './units'

/*
 * The auditor's transaction columns for events about a proposal, a disbursement batch, a grant or milestone, a
 * governance proposal, or a SafeTx signing request: read from the record the event's subject names, once per export.
 * The record's facts replace what the payload convention put in those cells (payloads of these events use `to` and
 * `from` for status changes and origins, not addresses), except `status` and `note`: there the payload says what
 * held at the event and the record only fills a blank.
 */

type Facts = Partial<Record<ActivityKey, string>>

interface Transfer {
  to: string
  token: string | null
  symbol: string
  decimals: number | null
  amount: string
}

const NATIVE_SYMBOL = 'ETH'
const NATIVE = new Set(['', 'native', '0x0000000000000000000000000000000000000000'])

/** Transfers → to / token / amount cells; several tokens or recipients are listed with ';' in the same order. */
function transferFacts(transfers: Transfer[]): Facts {
  if (transfers.length === 0) return {}
  const byToken = new Map<string, { t: Transfer; total: bigint }>()
  for (const t of transfers) {
    const key = (t.token ?? '').toLowerCase()
    const seen = byToken.get(key)
    if (seen) seen.total += BigInt(t.amount)
    else byToken.set(key, { t, total: BigInt(t.amount) })
  }
  const tokens = [...byToken.values()]
  const recipients = [...new Set(transfers.map((t) => t.to))]
  return {
    to: recipients.join(';'),
    tokenSymbol: tokens.map(({ t }) => t.symbol).join(';'),
    tokenAddress: tokens.map(({ t }) => (t.token && !NATIVE.has(t.token.toLowerCase()) ? t.token : '')).join(';'),
    amountBaseUnits: tokens.map(({ total }) => total.toString()).join(';'),
    decimals: tokens.map(({ t }) => (t.decimals === null ? '' : String(t.decimals))).join(';'),
    amount: tokens
      .map(({ t, total }) => (t.decimals === null ? '' : humanUnits(total.toString(), t.decimals)))
      .join(';'),
  }
}

const EVENT_TIME_KEYS = new Set<ActivityKey>(['status', 'note'])

/** A record's facts as flat lists, made once per record: an export applies them to every event about it. */
interface Compiled {
  keys: ActivityKey[]
  values: string[]
  blankKeys: ActivityKey[]
  blankValues: string[]
}

function compile(facts: Facts | null): Compiled | null {
  if (!facts) return null
  const c: Compiled = { keys: [], values: [], blankKeys: [], blankValues: [] }
  for (const key in facts) {
    const k = key as ActivityKey
    const v = facts[k]
    if (v === undefined || v === '') continue
    if (EVENT_TIME_KEYS.has(k)) {
      c.blankKeys.push(k)
      c.blankValues.push(v)
    } else {
      c.keys.push(k)
      c.values.push(v)
    }
  }
  return c
}

function applyFacts(row: ActivityRow, c: Compiled | null): void {
  if (!c) return
  for (let i = 0; i < c.keys.length; i++) row[c.keys[i]] = c.values[i]
  for (let i = 0; i < c.blankKeys.length; i++) if (row[c.blankKeys[i]] === '') row[c.blankKeys[i]] = c.blankValues[i]
}

/** One record's facts per subject, read once per export (bounded: a huge export re-reads rather than grows). */
function cached(read: (id: string) => Facts | null): {
  facts: (id: string) => Facts | null
  compiled: (id: string) => Compiled | null
} {
  const cache = new Map<string, { facts: Facts | null; compiled: Compiled | null }>()
  const get = (id: string) => {
    let entry = cache.get(id)
    if (entry === undefined) {
      const facts = read(id)
      entry = { facts, compiled: compile(facts) }
      if (cache.size > 50_000) cache.clear()
      cache.set(id, entry)
    }
    return entry
  }
  return { facts: (id) => get(id).facts, compiled: (id) => get(id).compiled }
}

const SUBJECT_PREFIXES = ['proposal:', 'batch:', 'grant:', 'milestone:', 'governance-proposal:', 'safetx:']

export const recordSource: ActivitySource = {
  name: 'records',
  handles: (action) =>
    /^(proposal|proposals|disbursement|grant|milestone|governance|signing|signature|budget\.override)\b/.test(action),
  prepare(db) {
    const has = (table: string) =>
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
    const tokenInfo = db.prepare('SELECT symbol, decimals FROM tokens WHERE chain_id = ? AND lower(address) = lower(?)')
    const token = (chainId: number, address: string | null) =>
      address && !NATIVE.has(address.toLowerCase())
        ? (tokenInfo.get(chainId, address) as { symbol: string; decimals: number } | undefined)
        : undefined

    const proposalFacts = has('proposals') ? proposalReader(db) : () => null
    const proposalById = cached((id) => proposalFacts('id', id))
    const proposalByHash = cached((hash) => proposalFacts('hash', hash))
    const batchById = cached(has('disbursement_batches') ? batchReader(db, proposalByHash.facts) : () => null)
    const milestoneById = cached(
      has('grant_milestones') ? milestoneReader(db, 'milestone', batchById.facts) : () => null,
    )
    const grantById = cached(has('grants') ? milestoneReader(db, 'grant', batchById.facts) : () => null)
    const governanceById = cached(
      has('governance_proposals') ? governanceReader(db, token, proposalByHash.facts) : () => null,
    )
    const safeTx = cached((id) => {
      const [chainId, safe, hash] = id.split(':')
      return { chainId, safe, safeTxHash: hash, ...(hash ? proposalByHash.facts(hash.toLowerCase()) : null) }
    })

    return (row: ActivityRow, event: ActivityEvent) => {
      const s = event.subject
      const colon = s.indexOf(':')
      if (colon < 0 || !SUBJECT_PREFIXES.includes(s.slice(0, colon + 1))) return
      const id = s.slice(colon + 1)
      switch (s.slice(0, colon)) {
        case 'proposal':
          applyFacts(row, proposalById.compiled(id))
          break
        case 'batch':
          applyFacts(row, batchById.compiled(id))
          break
        case 'milestone':
          applyFacts(row, milestoneById.compiled(id))
          break
        case 'grant':
          applyFacts(row, grantById.compiled(id))
          break
        case 'governance-proposal':
          applyFacts(row, governanceById.compiled(id))
          break
        case 'safetx':
          applyFacts(row, safeTx.compiled(id))
          break
      }
    }
  },
}

interface ProposalRow {
  id: number
  chain_id: number
  safe_address: string
  title: string
  category: string | null
  budget_line_id: string | null
  grant_link: string | null
  proposer: string
  status: string
  nonce: number
  safe_tx_hash: string
  outflows: string
  actions: string
}

function proposalReader(db: Db): (by: 'id' | 'hash', key: string) => Facts | null {
  const byId = db.prepare(
    `SELECT id, chain_id, safe_address, title, category, budget_line_id, grant_link, proposer, status, nonce, safe_tx_hash, outflows, actions FROM proposals WHERE id = ?`,
  )
  const byHash = db.prepare(
    `SELECT id, chain_id, safe_address, title, category, budget_line_id, grant_link, proposer, status, nonce, safe_tx_hash, outflows, actions FROM proposals WHERE safe_tx_hash = ? ORDER BY id DESC LIMIT 1`,
  )
  const signers = db.prepare('SELECT signer FROM proposal_signatures WHERE proposal_id = ? ORDER BY added_at, signer')
  const execution = db.prepare(
    'SELECT tx_hash, block_number, executor FROM proposal_executions WHERE proposal_id = ? ORDER BY rowid DESC LIMIT 1',
  )
  return (by, key) => {
    const p = (by === 'id' ? byId.get(Number(key)) : byHash.get(key)) as ProposalRow | undefined
    if (!p) return null
    const outflows = JSON.parse(p.outflows) as Array<{
      token: string | null
      symbol: string
      decimals: number
      amount: string
    }>
    const actions = JSON.parse(p.actions) as Array<{ type: string; to?: string; token?: string; amount?: string }>
    const transfers: Transfer[] = []
    for (const a of actions) {
      if (a.type !== 'eth_transfer' && a.type !== 'erc20_transfer') continue
      const o = outflows.find((f) => (f.token ?? '') === (a.type === 'eth_transfer' ? '' : (a.token ?? '')))
      transfers.push({
        to: a.to ?? '',
        token: a.type === 'eth_transfer' ? null : (a.token ?? null),
        symbol: o?.symbol ?? '',
        decimals: o?.decimals ?? null,
        amount: a.amount ?? '0',
      })
    }
    const facts: Facts = {
      chainId: String(p.chain_id),
      safe: p.safe_address,
      from: p.safe_address,
      nonce: String(p.nonce),
      safeTxHash: p.safe_tx_hash,
      proposalTitle: p.title,
      proposer: p.proposer,
      category: p.category ?? '',
      budgetLine: p.budget_line_id ?? '',
      grant: p.grant_link ?? '',
      status: p.status,
      signers: (signers.pluck().all(p.id) as string[]).join(';'),
      ...(transfers.length
        ? transferFacts(transfers)
        : transferFacts(
            outflows.map((o) => ({ to: '', token: o.token, symbol: o.symbol, decimals: o.decimals, amount: o.amount })),
          )),
    }
    if (!transfers.length) {
      // A contract call: the recipient column names the contract called.
      const call = actions.find((a) => a.type === 'contract_call')
      if (call?.to) facts.to = call.to
    }
    const exec = execution.get(p.id) as { tx_hash: string; block_number: number | null; executor: string | null }
    if (exec) {
      facts.txHash = exec.tx_hash
      facts.block = exec.block_number === null ? '' : String(exec.block_number)
      facts.executor = exec.executor ?? ''
    }
    return facts
  }
}

function batchReader(db: Db, proposalByHash: (hash: string) => Facts | null): (id: string) => Facts | null {
  const batch = db.prepare('SELECT * FROM disbursement_batches WHERE id = ?')
  const items = db.prepare(
    `SELECT i.token, i.receiver, i.amount, l.symbol, l.decimals, l.category, l.id AS line_id,
            m.title AS milestone, g.title AS grant_title
       FROM disbursement_items i JOIN budget_lines l ON l.id = i.budget_line_id
       LEFT JOIN grant_milestones m ON m.id = i.milestone_id LEFT JOIN grants g ON g.id = m.grant_id
      WHERE i.batch_id = ? ORDER BY i.position`,
  )
  return (id) => {
    const b = batch.get(Number(id)) as
      | {
          title: string
          chain_id: number
          safe_address: string
          status: string
          nonce: number | null
          safe_tx_hash: string | null
          executed_tx_hash: string | null
          executed_block: number | null
        }
      | undefined
    if (!b) return null
    const rows = items.all(Number(id)) as Array<{
      token: string
      receiver: string
      amount: string
      symbol: string
      decimals: number
      category: string
      line_id: number
      milestone: string | null
      grant_title: string | null
    }>
    const unique = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => !!v))].join(';')
    const linked = b.safe_tx_hash ? proposalByHash(b.safe_tx_hash.toLowerCase()) : null
    return {
      chainId: String(b.chain_id),
      safe: b.safe_address,
      from: b.safe_address,
      nonce: b.nonce === null ? '' : String(b.nonce),
      safeTxHash: b.safe_tx_hash ?? '',
      txHash: b.executed_tx_hash ?? '',
      block: b.executed_block === null ? '' : String(b.executed_block),
      proposalTitle: b.title,
      status: b.status,
      category: unique(rows.map((r) => r.category)),
      budgetLine: unique(rows.map((r) => String(r.line_id))),
      grant: unique(rows.map((r) => r.grant_title)),
      milestone: unique(rows.map((r) => r.milestone)),
      proposer: linked?.proposer ?? '',
      signers: linked?.signers ?? '',
      executor: linked?.executor ?? '',
      ...transferFacts(
        rows.map((r) => ({
          to: r.receiver,
          token: NATIVE.has(r.token.toLowerCase()) ? null : r.token,
          symbol: r.symbol,
          decimals: r.decimals,
          amount: r.amount,
        })),
      ),
    }
  }
}

/** A milestone (or a whole grant): its recipient, token and amount; once paid, the batch that paid it. */
function milestoneReader(
  db: Db,
  kind: 'milestone' | 'grant',
  batchById: (id: string) => Facts | null,
): (id: string) => Facts | null {
  const grantSql = `SELECT g.id AS grant_id, g.title AS grant_title, g.recipient, g.token, g.symbol, g.decimals,
                           g.amount AS grant_amount, g.status AS grant_status, p.category, p.budget_line_id`
  const read =
    kind === 'milestone'
      ? db.prepare(
          `${grantSql}, m.id AS milestone_id, m.title AS milestone, m.amount, m.status
             FROM grant_milestones m JOIN grants g ON g.id = m.grant_id JOIN grant_programs p ON p.id = g.program_id
            WHERE m.id = ?`,
        )
      : db.prepare(
          `${grantSql}, NULL AS milestone_id, NULL AS milestone, g.amount, g.status
             FROM grants g JOIN grant_programs p ON p.id = g.program_id WHERE g.id = ?`,
        )
  const paidBy = db.prepare(
    `SELECT i.batch_id FROM disbursement_items i JOIN disbursement_batches b ON b.id = i.batch_id
      WHERE i.milestone_id = ? AND b.status <> 'cancelled' ORDER BY i.batch_id DESC LIMIT 1`,
  )
  return (id) => {
    const r = read.get(Number(id)) as
      | {
          grant_title: string
          recipient: string
          token: string
          symbol: string
          decimals: number
          amount: string
          status: string
          category: string
          budget_line_id: number
          milestone_id: number | null
          milestone: string | null
        }
      | undefined
    if (!r) return null
    const facts: Facts = {
      grant: r.grant_title,
      milestone: r.milestone ?? '',
      category: r.category,
      budgetLine: String(r.budget_line_id),
      status: r.status,
      ...transferFacts([
        {
          to: r.recipient,
          token: NATIVE.has(r.token.toLowerCase()) ? null : r.token,
          symbol: r.symbol,
          decimals: r.decimals,
          amount: r.amount,
        },
      ]),
    }
    const batch = r.milestone_id === null ? undefined : (paidBy.get(r.milestone_id) as { batch_id: number } | undefined)
    if (batch) {
      const b = batchById(String(batch.batch_id))
      if (b)
        for (const k of [
          'chainId',
          'safe',
          'from',
          'nonce',
          'safeTxHash',
          'txHash',
          'block',
          'proposer',
          'signers',
        ] as const)
          facts[k] = b[k] ?? ''
      if (b?.proposalTitle) facts.proposalTitle = b.proposalTitle
    }
    return facts
  }
}

function governanceReader(
  db: Db,
  token: (chainId: number, address: string | null) => { symbol: string; decimals: number } | undefined,
  proposalByHash: (hash: string) => Facts | null,
): (id: string) => Facts | null {
  const read = db.prepare(
    `SELECT chain_id, kind, title, proposer, spending, safe_tx_hash, safe_nonce, execution_tx_hash
       FROM governance_proposals WHERE id = ?`,
  )
  return (id) => {
    const g = read.get(id) as
      | {
          chain_id: number
          kind: string
          title: string
          proposer: string
          spending: string | null
          safe_tx_hash: string | null
          safe_nonce: number | null
          execution_tx_hash: string | null
        }
      | undefined
    if (!g) return null
    const spending = g.spending
      ? (JSON.parse(g.spending) as {
          safe: string
          transfers: Array<{ recipient: string; token: string | null; amount: string }>
        })
      : null
    const linked = g.safe_tx_hash ? proposalByHash(g.safe_tx_hash.toLowerCase()) : null
    return {
      chainId: String(g.chain_id),
      safe: spending?.safe ?? '',
      from: spending?.safe ?? '',
      proposalTitle: g.title,
      category: g.kind,
      safeTxHash: g.safe_tx_hash ?? '',
      nonce: g.safe_nonce === null ? '' : String(g.safe_nonce),
      txHash: g.execution_tx_hash ?? '',
      signers: linked?.signers ?? '',
      executor: linked?.executor ?? '',
      block: linked?.block ?? '',
      ...transferFacts(
        (spending?.transfers ?? []).map((t) => {
          const known = token(g.chain_id, t.token)
          const isNative = !t.token || NATIVE.has(t.token.toLowerCase())
          return {
            to: t.recipient,
            token: isNative ? null : t.token,
            symbol: isNative ? NATIVE_SYMBOL : (known?.symbol ?? ''),
            decimals: isNative ? 18 : (known?.decimals ?? null),
            amount: t.amount,
          }
        }),
      ),
      // The governance proposer is who proposed the spending; the Safe proposal's proposer is who drafted it.
      proposer: g.proposer,
    }
  }
}
