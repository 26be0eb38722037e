import { Contract, ZeroAddress, dataSlice, getAddress } from 'ethers'
import type { Db } from '../db/open'
import type { ChainRecord } from '../chain/store'
import { listTokens } from '../chain/store'
import { readChainId, rpcProvider } from '../chain/rpc'
import { withRpcTimeout } from '../chain/timeout'
import { connectSafe } from './protocol'
import type { SafeOverview, TokenBalance } from '../../../shared/contract'

const ERC20_BALANCE = ['function balanceOf(address) view returns (uint256)']

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
    const balances: TokenBalance[] = [{ symbol: 'ETH', address: null, decimals: 18, balance: ethBalance.toString() }]
    for (const token of listTokens(db, chain.chainId)) {
      const erc20 = new Contract(token.address, ERC20_BALANCE, provider)
      const balance = (await erc20.balanceOf(address)) as bigint
      balances.push({
        symbol: token.symbol,
        address: token.address,
        decimals: token.decimals,
        balance: balance.toString(),
      })
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
