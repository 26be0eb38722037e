import { getAddress, type JsonRpcProvider, type Signer } from 'ethers'
import { ApiError } from '../../shared/errors'
import type { PayerKind } from '../../shared/contract'
import { rpcProvider, type ChainRecord } from '../core/chain'
import type { Services } from './services'

export interface Payer {
  signer: Signer
  address: string
  kind: PayerKind
  close(): void
}

/**
 * The account that pays gas for an execution or a deployment: an unlocked local key, or, on the sandbox chain only,
 * an account the sandbox node itself holds (its funder by default), labelled as such in the UI and the audit trail.
 */
export async function payingSigner(services: Services, chain: ChainRecord, wanted?: string): Promise<Payer> {
  const provider: JsonRpcProvider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    const unlocked = services.keys?.unlocked() ?? []
    const keyAddress = wanted ? unlocked.find((a) => getAddress(a) === getAddress(wanted)) : unlocked[0]
    if (keyAddress && services.keys) {
      const wallet = services.keys.wallet(keyAddress).connect(provider)
      return { signer: wallet, address: wallet.address, kind: 'local_key', close: () => provider.destroy() }
    }
    if (chain.isSandbox) {
      let nodeAccounts: string[]
      try {
        nodeAccounts = ((await provider.send('eth_accounts', [])) as string[]).map((a) => getAddress(a))
      } catch (error) {
        throw new ApiError(
          'CHAIN_ERROR',
          `The sandbox node did not answer: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
        )
      }
      const address = wanted ? getAddress(wanted) : (services.sandbox.info()?.funder.address ?? nodeAccounts[0])
      if (nodeAccounts.includes(address)) {
        const signer = await provider.getSigner(address)
        return { signer, address, kind: 'sandbox_node_account', close: () => provider.destroy() }
      }
    }
    throw new ApiError(
      'LOCKED',
      wanted
        ? `Unlock the key of ${getAddress(wanted)} to pay for this transaction.`
        : "Unlock a key that holds the chain's native coin to pay for this transaction.",
    )
  } catch (error) {
    provider.destroy()
    throw error
  }
}
