import type { Db } from '../db/open'
import { getActiveChain, readChainId, rpcTimeoutMs, RpcTimeoutError } from '../chain'
import type { NetworkStatus } from '../../../shared/contract/prefs'

/** A liveness probe should answer quickly: the shell asks often, and a dead RPC must not hold it for 20 s. */
export function probeTimeoutMs(): number {
  return Math.min(rpcTimeoutMs(), 5_000)
}

/**
 * Asks the active chain's RPC for its chainId. Online only when it answers with the chainId the workspace was set
 * up with; a different chain behind the same URL counts as offline (nothing may be sent there).
 */
export async function networkStatus(
  db: Db,
  probe: (rpcUrl: string, timeoutMs: number) => Promise<number> = readChainId,
): Promise<NetworkStatus> {
  const chain = getActiveChain(db)
  const checkedAt = new Date().toISOString()
  if (!chain) {
    return {
      state: 'no_chain',
      chainId: null,
      name: null,
      isSandbox: false,
      latencyMs: null,
      reason: 'No chain is configured for this workspace.',
      checkedAt,
    }
  }
  const base = { chainId: chain.chainId, name: chain.name, isSandbox: chain.isSandbox, checkedAt }
  const started = Date.now()
  try {
    const answered = await probe(chain.rpcUrl, probeTimeoutMs())
    if (answered !== chain.chainId) {
      return {
        ...base,
        state: 'offline',
        latencyMs: null,
        reason: `The RPC answers for chain ${answered}, not ${chain.chainId}: nothing is sent to it.`,
      }
    }
    return { ...base, state: 'online', latencyMs: Date.now() - started, reason: null }
  } catch (error) {
    const why =
      error instanceof RpcTimeoutError
        ? error.message
        : `the RPC is not reachable (${error instanceof Error ? error.message.split('\n')[0].slice(0, 160) : 'unknown error'})`
    return { ...base, state: 'offline', latencyMs: null, reason: `${why[0].toUpperCase()}${why.slice(1)}.` }
  }
}
