import {
  getCompatibilityFallbackHandlerDeployment,
  getCreateCallDeployment,
  getMultiSendCallOnlyDeployment,
  getMultiSendDeployment,
  getProxyFactoryDeployment,
  getSafeSingletonDeployment,
  getSignMessageLibDeployment,
  getSimulateTxAccessorDeployment,
  type DeploymentFilter,
  type SingletonDeployment,
} from '@safe-global/safe-deployments'
import { getAddress } from 'ethers'
import type { ChainRecord, ContractNetwork } from './store'
import { readChainId, rpcProvider } from './rpc'

/** The Safe version the app deploys and whose helper contracts (MultiSend, accessors) it uses. */
export const SAFE_VERSION = '1.4.1'

function pick(get: (f: DeploymentFilter) => SingletonDeployment | undefined, chainId: number): string | null {
  const deployment = get({ network: String(chainId), version: SAFE_VERSION, released: true })
  const found = deployment?.networkAddresses[String(chainId)]
  return found ? getAddress(found) : null
}

/** Safe v1.4.1 addresses for a chain safe-deployments lists, or null when it does not list every contract. */
export function knownContractNetwork(chainId: number): ContractNetwork | null {
  const entries: Record<keyof ContractNetwork, string | null> = {
    safeSingletonAddress: pick(getSafeSingletonDeployment, chainId),
    safeProxyFactoryAddress: pick(getProxyFactoryDeployment, chainId),
    multiSendAddress: pick(getMultiSendDeployment, chainId),
    multiSendCallOnlyAddress: pick(getMultiSendCallOnlyDeployment, chainId),
    fallbackHandlerAddress: pick(getCompatibilityFallbackHandlerDeployment, chainId),
    signMessageLibAddress: pick(getSignMessageLibDeployment, chainId),
    createCallAddress: pick(getCreateCallDeployment, chainId),
    simulateTxAccessorAddress: pick(getSimulateTxAccessorDeployment, chainId),
  }
  if (Object.values(entries).some((v) => v === null)) return null
  return entries as unknown as ContractNetwork
}

/**
 * The contract addresses the app uses on a chain: the workspace's own list (sandbox, private chains), else
 * safe-deployments'. Throws when neither knows the chain.
 */
export function chainContracts(chain: Pick<ChainRecord, 'chainId' | 'contractNetwork'>): ContractNetwork {
  const contracts = chain.contractNetwork ?? knownContractNetwork(chain.chainId)
  if (!contracts) throw new Error(`Safe contracts for chain ${chain.chainId} are unknown (not in safe-deployments)`)
  return contracts
}

export class ChainSetupError extends Error {}

/**
 * Checks an RPC endpoint before it becomes the workspace's chain: the chainId it reports (and that it matches the
 * one expected), and that every Safe contract the app will use has code there. safe-deployments supplies the
 * addresses for chains it knows; other chains must bring their own (`custom`).
 */
export async function resolveChainByRpc(
  rpcUrl: string,
  options: { name?: string; custom?: ContractNetwork; expectChainId?: number } = {},
): Promise<{ chain: ChainRecord; source: 'safe-deployments' | 'custom' }> {
  let chainId: number
  try {
    chainId = await readChainId(rpcUrl)
  } catch (error) {
    throw new ChainSetupError(`No chain answered at ${rpcUrl}: ${error instanceof Error ? error.message : error}`)
  }
  if (options.expectChainId !== undefined && options.expectChainId !== chainId)
    throw new ChainSetupError(
      `The endpoint reports chain ${chainId}, not ${options.expectChainId}: check the URL before signing anything`,
    )
  const known = knownContractNetwork(chainId)
  const contracts = options.custom ?? known
  if (!contracts)
    throw new ChainSetupError(
      `Chain ${chainId} is not in safe-deployments: give the addresses of its Safe contracts (singleton, proxy factory, MultiSend, …)`,
    )
  const provider = rpcProvider(rpcUrl, chainId)
  try {
    const missing: string[] = []
    for (const [name, addr] of Object.entries(contracts)) {
      if (typeof addr !== 'string') continue
      const code = await provider.getCode(addr)
      if (code === '0x') missing.push(`${name} ${addr}`)
    }
    if (missing.length) throw new ChainSetupError(`No contract code on chain ${chainId} at: ${missing.join(', ')}`)
  } finally {
    provider.destroy()
  }
  return {
    chain: {
      chainId,
      name: options.name ?? `Chain ${chainId}`,
      rpcUrl,
      isSandbox: false,
      // Known chains keep null: protocol-kit then picks the right addresses for each Safe's own version.
      contractNetwork: options.custom ?? null,
    },
    source: options.custom ? 'custom' : 'safe-deployments',
  }
}
