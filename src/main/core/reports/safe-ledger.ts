import { getAddress, id, zeroPadValue } from 'ethers'
import type { Db } from '../db/open'
import type { Period } from '../audit'
import { rpcProvider, type ChainRecord } from '../chain'
import { listTokens } from '../tokens'
import { addressLabels } from '../safe/addressbook'
import { valueTransfers } from '../pricing'
import type { Valuation } from '../../../shared/contract/pricing'
import type { ProposalAction } from '../../../shared/contract/proposals'
import { blockAtOrBefore, logs, nativeRef, type TokenRef } from './chain-history'
import { recordedFlowCategories } from './flow-categories'

/** One movement of money into or out of a Safe, with what the records say about it. */
export interface LedgerEntry {
  at: string
  block: number
  txHash: string
  token: TokenRef
  direction: 'in' | 'out'
  counterparty: string
  /** The address book's label of the counterparty, when it has one. */
  counterpartyLabel: string | null
  amount: bigint
  /** The proposal or batch title (and line item) that explains it, when a record does. */
  description: string
  category: string | null
}

const TRANSFER = id('Transfer(address,address,uint256)')
const SAFE_RECEIVED = id('SafeReceived(address,uint256)')
const topicAddress = (topic: string) => getAddress('0x' + topic.slice(26))

/**
 * The Safe's movements in the period: ERC-20 Transfer logs both ways and native coin in (SafeReceived) from the
 * chain; native coin out, which a Safe logs no amount for, from the executed Safe proposals the workspace recorded
 * (their decoded transfers and call values). Ordered by block, then as logged.
 */
export async function safeLedger(db: Db, chain: ChainRecord, safe: string, period: Period): Promise<LedgerEntry[]> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const now = Date.now()
    const endSeconds =
      period.toIso && Date.parse(period.toIso) <= now ? Math.floor((Date.parse(period.toIso) - 1) / 1000) : null
    const toBlock = await blockAtOrBefore(provider, endSeconds)
    const fromBlock = period.fromIso ? (await blockAtOrBefore(provider, Date.parse(period.fromIso) / 1000 - 1)) + 1 : 0
    const labels = addressLabels(db, chain.chainId)
    const categoryOf = recordedFlowCategories(db)
    const titles = recordTitles(db)
    const times = new Map<number, string>()
    const timeOf = async (block: number) => {
      if (!times.has(block)) {
        const b = await provider.getBlock(block)
        times.set(block, new Date((b?.timestamp ?? 0) * 1000).toISOString())
      }
      return times.get(block)!
    }
    const raw: Array<Omit<LedgerEntry, 'at' | 'counterpartyLabel' | 'description' | 'category'> & { index: number }> =
      []
    const padded = zeroPadValue(safe, 32)
    const native = nativeRef(db, chain.chainId)
    if (fromBlock <= toBlock) {
      for (const log of await logs(provider, { address: safe, topics: [SAFE_RECEIVED] }, fromBlock, toBlock))
        raw.push({
          block: log.blockNumber,
          index: log.index,
          txHash: log.transactionHash,
          token: native,
          direction: 'in',
          counterparty: topicAddress(log.topics[1]),
          amount: BigInt(log.data.slice(0, 66)),
        })
      for (const t of listTokens(db, chain.chainId)) {
        const token = { symbol: t.symbol, address: t.address, decimals: t.decimals }
        for (const [direction, topics] of [
          ['in', [TRANSFER, null, padded]],
          ['out', [TRANSFER, padded]],
        ] as const)
          for (const log of await logs(provider, { address: t.address, topics: [...topics] }, fromBlock, toBlock))
            raw.push({
              block: log.blockNumber,
              index: log.index,
              txHash: log.transactionHash,
              token,
              direction,
              counterparty: topicAddress(log.topics[direction === 'in' ? 1 : 2]),
              amount: BigInt(log.data),
            })
      }
      raw.push(...nativeOutflows(db, chain.chainId, safe, native, fromBlock, toBlock))
    }
    raw.sort((a, b) => a.block - b.block || a.index - b.index)
    const entries: LedgerEntry[] = []
    for (const r of raw)
      entries.push({
        at: await timeOf(r.block),
        block: r.block,
        txHash: r.txHash,
        token: r.token,
        direction: r.direction,
        counterparty: r.counterparty,
        counterpartyLabel: labels.get(r.counterparty) ?? labels.get(r.counterparty.toLowerCase()) ?? null,
        amount: r.amount,
        description: titles.get(r.txHash.toLowerCase()) ?? (r.direction === 'in' ? 'Received' : 'Sent'),
        category: categoryOf(r.txHash),
      })
    return entries
  } finally {
    provider.destroy()
  }
}

/** Titles of executed batches, Safe proposals and Governor proposals the Safe paid, by chain transaction hash. */
function recordTitles(db: Db): Map<string, string> {
  const titles = new Map<string, string>()
  for (const r of db
    .prepare(
      `SELECT executed_tx_hash AS tx, title FROM disbursement_batches WHERE status = 'executed'
       UNION ALL
       SELECT e.tx_hash AS tx, p.title FROM proposal_executions e JOIN proposals p ON p.id = e.proposal_id
        WHERE e.outcome = 'success'
       UNION ALL
       SELECT executed_tx_hash AS tx, title FROM governor_proposals WHERE executed_tx_hash IS NOT NULL`,
    )
    .all() as Array<{ tx: string; title: string }>)
    if (!titles.has(r.tx.toLowerCase())) titles.set(r.tx.toLowerCase(), r.title)
  return titles
}

function nativeOutflows(db: Db, chainId: number, safe: string, native: TokenRef, fromBlock: number, toBlock: number) {
  const rows = db
    .prepare(
      `SELECT e.tx_hash, e.block_number, p.actions FROM proposal_executions e JOIN proposals p ON p.id = e.proposal_id
        WHERE p.chain_id = ? AND p.safe_address = ? AND e.outcome = 'success' AND e.block_number BETWEEN ? AND ?`,
    )
    .all(chainId, safe, fromBlock, toBlock) as Array<{ tx_hash: string; block_number: number; actions: string }>
  return rows.flatMap((r) =>
    (JSON.parse(r.actions) as ProposalAction[]).flatMap((a, i) => {
      const value = a.type === 'eth_transfer' ? a.amount : a.type === 'contract_call' ? a.value : '0'
      if (a.type !== 'eth_transfer' && a.type !== 'contract_call') return []
      if (BigInt(value) === 0n) return []
      return [
        {
          block: r.block_number,
          // After the block's logs of the same transaction: a native send logs nothing to order it by.
          index: 1_000_000 + i,
          txHash: r.tx_hash,
          token: native,
          direction: 'out' as const,
          counterparty: getAddress(a.to),
          amount: BigInt(value),
        },
      ]
    }),
  )
}

/**
 * Each ledger entry's value in the reporting currency when it moved (`values[i]` for `entries[i]`): the token's
 * feed at the entry's block where the workspace names one, else the imported price of that day, else "no price".
 */
export async function ledgerValues(db: Db, chain: ChainRecord, entries: readonly LedgerEntry[]): Promise<Valuation[]> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const { values } = await valueTransfers(
      db,
      entries.map((e) => ({
        chainId: chain.chainId,
        token: e.token.address ?? 'native',
        amount: e.amount,
        at: { block: e.block, time: Math.floor(Date.parse(e.at) / 1000) },
      })),
      provider,
    )
    return values
  } finally {
    provider.destroy()
  }
}
