import { Contract, getAddress } from 'ethers'
import type { Db } from '../db/open'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { getSafe } from '../safe/store'
import type { SafeState } from './review'

const SAFE_READ = [
  'function VERSION() view returns (string)',
  'function nonce() view returns (uint256)',
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
]

export interface LiveSafeState {
  version: string
  nonce: bigint
  owners: string[]
  threshold: number
}

/** Four eth_calls, bounded in time: what signing needs from the chain (no balances, no SDK start-up). */
export async function readSafeState(chain: ChainRecord, safe: string, timeoutMs = 5000): Promise<LiveSafeState> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  const contract = new Contract(safe, SAFE_READ, provider)
  let timer: NodeJS.Timeout | undefined
  try {
    const read = Promise.all([
      contract.VERSION() as Promise<string>,
      contract.nonce() as Promise<bigint>,
      contract.getOwners() as Promise<string[]>,
      contract.getThreshold() as Promise<bigint>,
    ])
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the chain did not answer within ${timeoutMs} ms`)), timeoutMs)
    })
    const [version, nonce, owners, threshold] = await Promise.race([read, timeout])
    return { version, nonce, owners: owners.map((o) => getAddress(o)), threshold: Number(threshold) }
  } finally {
    clearTimeout(timer)
    provider.destroy()
  }
}

/** The chain record for a chainId the workspace knows, or null. */
export function chainById(db: Db, chainId: number): ChainRecord | null {
  const row = db.prepare('SELECT * FROM chains WHERE chain_id = ?').get(chainId) as
    | { chain_id: number; name: string; rpc_url: string; is_sandbox: number; contract_networks: string | null }
    | undefined
  return row
    ? {
        chainId: row.chain_id,
        name: row.name,
        rpcUrl: row.rpc_url,
        isSandbox: row.is_sandbox === 1,
        contractNetwork: row.contract_networks ? JSON.parse(row.contract_networks) : null,
      }
    : null
}

/**
 * The Safe's nonce, owners and threshold: from the chain when it answers, else from the workspace's last synced
 * snapshot, else unknown. Never from the request being checked.
 */
export async function resolveSafeState(
  db: Db,
  chainId: number,
  safe: string,
  options: { online?: boolean } = {},
): Promise<SafeState & { error?: string }> {
  const chain = chainById(db, chainId)
  let error: string | undefined
  if (chain && options.online !== false) {
    try {
      const live = await readSafeState(chain, safe)
      return { source: 'chain', nonce: live.nonce, owners: live.owners, threshold: live.threshold }
    } catch (e) {
      error = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200)
    }
  }
  const snapshot = getSafe(db, chainId, safe)?.snapshot
  if (snapshot)
    return {
      source: 'snapshot',
      nonce: BigInt(snapshot.nonce),
      owners: snapshot.owners,
      threshold: snapshot.threshold,
      error,
    }
  return { source: 'none', nonce: null, owners: null, threshold: null, error }
}
