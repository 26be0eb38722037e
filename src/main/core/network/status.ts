import type { Db } from '../db/open'
import { getActiveChain, listChains, readChainId, rpcTimeoutMs, RpcTimeoutError, type ChainRecord } from '../chain'
import type { ChainStatus, NetworkStatus } from '../../../shared/contract/prefs'

/** A liveness probe should answer quickly: the shell asks often, and a dead RPC must not hold it for 20 s. */
export function probeTimeoutMs(): number {
  return Math.min(rpcTimeoutMs(), 5_000)
}

type Probe = (rpcUrl: string, timeoutMs: number) => Promise<number>

/**
 * Asks one chain's RPC for its chainId. Online only when it answers with the chainId the chain was set up with; a
 * different chain behind the same URL counts as offline (nothing may be sent there).
 */
export async function probeChain(chain: ChainRecord, probe: Probe = readChainId): Promise<ChainStatus> {
  const base = { chainId: chain.chainId, name: chain.name, isSandbox: chain.isSandbox, checkedAt: '' }
  const started = Date.now()
  try {
    const answered = await probe(chain.rpcUrl, probeTimeoutMs())
    base.checkedAt = new Date().toISOString()
    if (answered !== chain.chainId)
      return {
        ...base,
        state: 'offline',
        latencyMs: null,
        reason: `The RPC answers for chain ${answered}, not ${chain.chainId}: nothing is sent to it.`,
      }
    return { ...base, state: 'online', latencyMs: Date.now() - started, reason: null }
  } catch (error) {
    base.checkedAt = new Date().toISOString()
    const why =
      error instanceof RpcTimeoutError
        ? error.message
        : `the RPC is not reachable (${error instanceof Error ? error.message.split('\n')[0].slice(0, 160) : 'unknown error'})`
    return { ...base, state: 'offline', latencyMs: null, reason: `${why[0].toUpperCase()}${why.slice(1)}.` }
  }
}

/**
 * Every chain of the workspace probed on its own, at the same time: one chain offline never marks another offline.
 * The top-level figures are the active chain's (the one proposals and signing go to now); `chains` has them all.
 */
export async function networkStatus(db: Db, probe: Probe = readChainId): Promise<NetworkStatus> {
  const active = getActiveChain(db)
  const checkedAt = new Date().toISOString()
  if (!active) {
    return {
      state: 'no_chain',
      chainId: null,
      name: null,
      isSandbox: false,
      latencyMs: null,
      reason: 'No chain is configured for this workspace.',
      checkedAt,
      chains: [],
    }
  }
  const chains = listChains(db)
  const statuses = await Promise.all(chains.map((c) => probeChain(c, probe)))
  const own = statuses.find((s) => s.chainId === active.chainId) ?? (await probeChain(active, probe))
  return { ...own, chains: statuses }
}
