import type Safe from '@safe-global/protocol-kit'
import { protocolKit } from './kit'
import type { ChainRecord } from '../chain/store'

/**
 * A protocol-kit handle on one Safe. Chains safe-deployments does not know (the sandbox, private chains) carry
 * their own contract addresses, passed as `contractNetworks`.
 */
export async function connectSafe(chain: ChainRecord, safeAddress: string, signer?: string): Promise<Safe> {
  return protocolKit().default.init({
    provider: chain.rpcUrl,
    signer,
    safeAddress,
    contractNetworks: chain.contractNetwork ? { [String(chain.chainId)]: chain.contractNetwork } : undefined,
  })
}
