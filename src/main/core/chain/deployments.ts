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
import { Contract, getAddress, type JsonRpcProvider } from 'ethers'
import type { ChainRecord, ContractNetwork } from './store'
import { readChainId, rpcProvider } from './rpc'

/** The Safe version the app deploys and whose helper contracts (MultiSend, accessors) it uses. */
export const SAFE_VERSION = '1.4.1'

function pick(
  get: (f: DeploymentFilter) => SingletonDeployment | undefined,
  chainId: number,
  version: string,
): string | null {
  const deployment = get({ network: String(chainId), version, released: true })
  // A chain may list several deployment types (canonical, eip155, …): the first one is the canonical one.
  const raw: unknown = deployment?.networkAddresses[String(chainId)]
  const found = Array.isArray(raw) ? raw[0] : raw
  return typeof found === 'string' ? getAddress(found) : null
}

/** Safe addresses (v1.4.1 unless told) for a chain safe-deployments lists, or null when it lacks one of them. */
export function knownContractNetwork(chainId: number, version: string = SAFE_VERSION): ContractNetwork | null {
  const entries: Record<keyof ContractNetwork, string | null> = {
    safeSingletonAddress: pick(getSafeSingletonDeployment, chainId, version),
    safeProxyFactoryAddress: pick(getProxyFactoryDeployment, chainId, version),
    multiSendAddress: pick(getMultiSendDeployment, chainId, version),
    multiSendCallOnlyAddress: pick(getMultiSendCallOnlyDeployment, chainId, version),
    fallbackHandlerAddress: pick(getCompatibilityFallbackHandlerDeployment, chainId, version),
    signMessageLibAddress: pick(getSignMessageLibDeployment, chainId, version),
    createCallAddress: pick(getCreateCallDeployment, chainId, version),
    simulateTxAccessorAddress: pick(getSimulateTxAccessorDeployment, chainId, version),
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

/** The Safe versions whose contracts the app drives (signing, execution, simulation, protocol-kit reads). */
export const SUPPORTED_SAFE_VERSIONS = ['1.3.0', '1.4.1'] as const

export class ChainSetupError extends Error {
  constructor(
    message: string,
    /** Set when the chain is fine but the app needs the addresses of the Safe contracts deployed on it. */
    readonly needsContracts?: { chainId: number; reason: 'unknown_chain' | 'no_code_at_canonical'; missing: string[] },
  ) {
    super(message)
    this.name = 'ChainSetupError'
  }
}

const CONTRACT_LABELS: Record<keyof ContractNetwork, string> = {
  safeSingletonAddress: 'Safe singleton',
  safeProxyFactoryAddress: 'proxy factory',
  multiSendAddress: 'MultiSend',
  multiSendCallOnlyAddress: 'MultiSendCallOnly',
  fallbackHandlerAddress: 'fallback handler',
  signMessageLibAddress: 'SignMessageLib',
  createCallAddress: 'CreateCall',
  simulateTxAccessorAddress: 'SimulateTxAccessor',
}

async function missingCode(provider: JsonRpcProvider, contracts: ContractNetwork): Promise<string[]> {
  const missing: string[] = []
  for (const [key, addr] of Object.entries(contracts) as Array<[keyof ContractNetwork, string]>) {
    if (typeof addr !== 'string') continue
    if ((await provider.getCode(addr)) === '0x') missing.push(`${CONTRACT_LABELS[key] ?? key} ${addr}`)
  }
  return missing
}

/** VERSION() of a Safe singleton (or of a Safe: the proxy forwards it), or null when it does not answer as a Safe. */
export async function readSafeVersion(provider: JsonRpcProvider, address: string): Promise<string | null> {
  try {
    const version = (await new Contract(address, ['function VERSION() view returns (string)'], provider).VERSION()) as
      string | undefined
    return typeof version === 'string' && /^\d+\.\d+\.\d+$/.test(version) ? version : null
  } catch {
    return null
  }
}

/**
 * Checks an RPC endpoint before it becomes one of the workspace's chains: the chainId it reports (and that it matches
 * the one expected), and that every Safe contract the app will use has code there. safe-deployments supplies the
 * addresses for chains it knows; other chains, and chains it lists whose canonical addresses hold no code (devnets on
 * 1337 or 31337), must bring their own (`custom`): then each one's code is checked and the singleton's VERSION()
 * tells which Safe version they are.
 */
export async function resolveChainByRpc(
  rpcUrl: string,
  options: {
    name?: string
    custom?: ContractNetwork
    expectChainId?: number
    /** The addresses a workspace saved for a chain before (a new RPC for a chain keeps its contract list). */
    saved?: (chainId: number) => ContractNetwork | null
  } = {},
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
  options = { ...options, custom: options.custom ?? options.saved?.(chainId) ?? undefined }
  if (!options.custom && !known)
    throw new ChainSetupError(
      `Chain ${chainId} is not in safe-deployments: give the addresses of the Safe contracts deployed on it (singleton, proxy factory, MultiSend, …)`,
      { chainId, reason: 'unknown_chain', missing: [] },
    )
  const provider = rpcProvider(rpcUrl, chainId)
  let contractsVersion: string | null = null
  let listed: ContractNetwork | null = null
  try {
    if (options.custom) {
      const missing = await missingCode(provider, options.custom)
      if (missing.length)
        throw new ChainSetupError(
          `These addresses hold no contract code on chain ${chainId}: ${missing.join(', ')}. Check each address (was it copied from another chain?)`,
        )
      contractsVersion = await readSafeVersion(provider, options.custom.safeSingletonAddress)
      if (!contractsVersion)
        throw new ChainSetupError(
          `The Safe singleton ${options.custom.safeSingletonAddress} does not answer VERSION(): it is not a Safe singleton`,
        )
      if (!(SUPPORTED_SAFE_VERSIONS as readonly string[]).includes(contractsVersion))
        throw new ChainSetupError(
          `The Safe singleton is version ${contractsVersion}; the app drives Safe ${SUPPORTED_SAFE_VERSIONS.join(' and ')}`,
        )
    } else {
      let missing = await missingCode(provider, known!)
      // A chain where only the older canonical deployment exists is still a known chain.
      const older = missing.length ? knownContractNetwork(chainId, '1.3.0') : null
      if (older && (await missingCode(provider, older)).length === 0) {
        missing = []
        // Kept with the chain: the helpers the app uses (MultiSend, the simulation accessor) are the 1.3.0 ones.
        listed = older
        contractsVersion = '1.3.0'
      }
      if (missing.length)
        throw new ChainSetupError(
          `Chain ${chainId} is listed in safe-deployments, but the canonical Safe ${SAFE_VERSION} contracts have no code on this chain (a devnet or private chain?): give the addresses of the Safe contracts deployed on it. Missing: ${missing.join(', ')}`,
          { chainId, reason: 'no_code_at_canonical', missing },
        )
    }
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
      contractNetwork: options.custom ?? listed,
      contractsVersion,
    },
    source: options.custom ? 'custom' : 'safe-deployments',
  }
}
