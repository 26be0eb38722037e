import { Interface, getAddress, type JsonRpcProvider } from 'ethers'
import type { Db } from '../db/open'
import { erc20MetaIface } from './erc20'
import type { TokenRecord } from './registry'

/** Multicall3 is deployed at this address on most EVM chains (same deployer key and nonce everywhere). */
export const MULTICALL3_ADDRESS = '0xcA11bde05977b3631167028862bE2a173976CA11'

export const multicall3Iface = new Interface([
  'function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable returns ((bool success, bytes returnData)[] returnData)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getBlockNumber() view returns (uint256 blockNumber)',
])

/** Calls per aggregate3: big enough that 200 tokens × a few Safes is one or two round trips, small enough for gas caps. */
const CALLS_PER_MULTICALL = 500

export interface BalanceRead {
  safe: string
  /** 'native' or the token's checksummed address. */
  token: string
  /** Base units; null when the token's balanceOf failed (its reason in `error`). */
  balance: string | null
  error?: string
}

export interface BalancesReading {
  block: number
  readAt: string
  via: 'multicall3' | 'per_token'
  reads: BalanceRead[]
}

interface Call {
  safe: string
  token: string
  target: string
  data: string
}

function callsFor(safes: string[], tokens: TokenRecord[], multicall: boolean): Call[] {
  const calls: Call[] = []
  for (const safe of safes) {
    if (multicall)
      calls.push({
        safe,
        token: 'native',
        target: MULTICALL3_ADDRESS,
        data: multicall3Iface.encodeFunctionData('getEthBalance', [safe]),
      })
    for (const t of tokens)
      calls.push({
        safe,
        token: t.address,
        target: t.address,
        data: erc20MetaIface.encodeFunctionData('balanceOf', [safe]),
      })
  }
  return calls
}

function decodeBalance(success: boolean, data: string): { balance: string | null; error?: string } {
  if (!success) return { balance: null, error: 'balanceOf reverted' }
  if (data.length !== 66) return { balance: null, error: 'balanceOf answered no uint256' }
  return { balance: BigInt(data).toString() }
}

/**
 * Balances of the native coin and of every given token for every given Safe, all at one block: through Multicall3's
 * aggregate3 when the chain has code at its address, one eth_call per token (pinned to the same block) otherwise.
 */
export async function readBalances(
  provider: JsonRpcProvider,
  safes: string[],
  tokens: TokenRecord[],
  now = () => new Date(),
): Promise<BalancesReading> {
  const block = await provider.getBlockNumber()
  const hasMulticall = (await provider.getCode(MULTICALL3_ADDRESS, block)) !== '0x'
  const calls = callsFor(
    safes.map((s) => getAddress(s)),
    tokens,
    hasMulticall,
  )
  const reads: BalanceRead[] = []
  if (hasMulticall) {
    for (let i = 0; i < calls.length; i += CALLS_PER_MULTICALL) {
      const chunk = calls.slice(i, i + CALLS_PER_MULTICALL)
      const data = multicall3Iface.encodeFunctionData('aggregate3', [
        chunk.map((c) => ({ target: c.target, allowFailure: true, callData: c.data })),
      ])
      const raw = await provider.call({ to: MULTICALL3_ADDRESS, data, blockTag: block })
      const [results] = multicall3Iface.decodeFunctionResult('aggregate3', raw) as unknown as [
        Array<{ success: boolean; returnData: string }>,
      ]
      chunk.forEach((c, j) =>
        reads.push({ safe: c.safe, token: c.token, ...decodeBalance(results[j].success, results[j].returnData) }),
      )
    }
  } else {
    for (const safe of safes.map((s) => getAddress(s)))
      reads.push({ safe, token: 'native', balance: (await provider.getBalance(safe, block)).toString() })
    const settled = await Promise.all(
      calls.map(async (c) => {
        try {
          return decodeBalance(true, await provider.call({ to: c.target, data: c.data, blockTag: block }))
        } catch {
          return decodeBalance(false, '0x')
        }
      }),
    )
    calls.forEach((c, j) => reads.push({ safe: c.safe, token: c.token, ...settled[j] }))
  }
  return { block, readAt: now().toISOString(), via: hasMulticall ? 'multicall3' : 'per_token', reads }
}

/** Stores what was read (a cache of chain state, re-derivable, so not audited); failed reads keep the last value. */
export function saveBalances(db: Db, chainId: number, reading: BalancesReading): void {
  const upsert = db.prepare(
    `INSERT INTO token_balances (chain_id, safe_address, token, balance, block, read_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(chain_id, safe_address, token) DO UPDATE SET balance = excluded.balance, block = excluded.block,
       read_at = excluded.read_at`,
  )
  db.transaction(() => {
    for (const r of reading.reads)
      if (r.balance !== null) upsert.run(chainId, r.safe, r.token, r.balance, reading.block, reading.readAt)
  })()
}

export interface StoredBalance {
  safe: string
  token: string
  balance: string
  block: number
  readAt: string
}

export function storedBalances(db: Db, chainId: number, safe?: string): StoredBalance[] {
  const rows = (
    safe
      ? db.prepare('SELECT * FROM token_balances WHERE chain_id = ? AND safe_address = ?').all(chainId, safe)
      : db.prepare('SELECT * FROM token_balances WHERE chain_id = ?').all(chainId)
  ) as Array<{ safe_address: string; token: string; balance: string; block: number; read_at: string }>
  return rows.map((r) => ({
    safe: r.safe_address,
    token: r.token,
    balance: r.balance,
    block: r.block,
    readAt: r.read_at,
  }))
}
