import { ZeroAddress, dataSlice, getAddress } from 'ethers'
import type { Db } from '../db/open'
import type { ChainRecord } from '../chain/store'
import { nativeCurrency, readBalances, saveBalances, visibleTokens } from '../tokens'
import { readChainId, rpcProvider } from '../chain/rpc'
import { withRpcTimeout } from '../chain/timeout'
import { connectSafe } from './protocol'
import type { SafeOverview, TokenBalance } from '../../../shared/contract'

/** Reads a Safe's configuration and balances from the chain, through protocol-kit. */
export async function readSafeOverview(
  db: Db,
  chain: ChainRecord,
  address: string,
): Promise<Omit<SafeOverview, 'label'>> {
  return withRpcTimeout(readOverview(db, chain, address))
}

async function readOverview(db: Db, chain: ChainRecord, address: string): Promise<Omit<SafeOverview, 'label'>> {
  // A misconfigured or hijacked RPC for another chain must not feed this workspace's Safe figures.
  const reported = await readChainId(chain.rpcUrl)
  if (reported !== chain.chainId) {
    throw new Error(
      `the RPC at ${chain.rpcUrl} answers for chain ${reported}, but this workspace's chain is ${chain.chainId}`,
    )
  }
  const safe = await connectSafe(chain, address)
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const [version, owners, threshold, nonce, ethBalance, modules, guard, fallbackHandler, slot0] = await Promise.all([
      safe.getContractVersion(),
      safe.getOwners(),
      safe.getThreshold(),
      safe.getNonce(),
      safe.getBalance(),
      safe.getModules(),
      safe.getGuard(),
      safe.getFallbackHandler(),
      // A Safe proxy keeps its singleton in slot 0: tells an L1 Safe from an L2 one (their events differ).
      provider.getStorage(address, 0),
    ])
    const native = nativeCurrency(db, chain.chainId)
    const balances: TokenBalance[] = [
      { symbol: native.symbol, address: null, decimals: native.decimals, balance: ethBalance.toString() },
    ]
    // Every visible token at one block, through Multicall3 where the chain has it (core/tokens/balances.ts).
    const tokens = visibleTokens(db, chain.chainId)
    const reading = await readBalances(provider, [address], tokens)
    saveBalances(db, chain.chainId, reading)
    for (const token of tokens) {
      const read = reading.reads.find((r) => r.token === token.address)
      if (read?.balance == null) continue
      balances.push({ symbol: token.symbol, address: token.address, decimals: token.decimals, balance: read.balance })
    }
    return {
      chainId: chain.chainId,
      address: getAddress(address),
      version,
      owners: owners.map((o) => getAddress(o)),
      threshold,
      nonce: Number(nonce),
      modules: modules.map((m) => getAddress(m)),
      guard: orNull(guard),
      fallbackHandler: orNull(fallbackHandler),
      singleton: orNull(dataSlice(slot0, 12)),
      balances,
      asOf: new Date().toISOString(),
      stale: false,
    }
  } finally {
    provider.destroy()
  }
}

function orNull(value: string): string | null {
  return !value || value === ZeroAddress ? null : getAddress(value)
}
