import type Safe from '@safe-global/protocol-kit'
import { protocolKit } from './kit'
import type { Signer, TransactionReceipt } from 'ethers'
import { getAddress } from 'ethers'
import type { ChainRecord } from '../chain/store'
import { SAFE_VERSION } from '../chain/deployments'

export interface NewSafeConfig {
  owners: string[]
  threshold: number
  saltNonce?: string
}

export interface DeployedSafe {
  address: string
  txHash: string
  blockNumber: number
}

export class SafeDeployError extends Error {}

function contractNetworks(chain: ChainRecord) {
  return chain.contractNetwork ? { [String(chain.chainId)]: chain.contractNetwork } : undefined
}

/** A new Safe gets the version of the chain's own contract list (1.3.0 on a 1.3.0-only chain), else 1.4.1. */
function newSafeVersion(chain: ChainRecord): '1.3.0' | '1.4.1' {
  return chain.contractNetwork && chain.contractsVersion === '1.3.0' ? '1.3.0' : SAFE_VERSION
}

/** The address a Safe with this configuration gets (CREATE2 via the proxy factory), before it exists. */
export async function predictNewSafe(chain: ChainRecord, config: NewSafeConfig): Promise<Safe> {
  return protocolKit().default.init({
    provider: chain.rpcUrl,
    // The sandbox lists only the L1 singleton; on real chains protocol-kit picks the L2 one where Safe{Wallet} does.
    isL1SafeSingleton: chain.isSandbox ? true : undefined,
    predictedSafe: {
      safeAccountConfig: { owners: config.owners.map((o) => getAddress(o)), threshold: config.threshold },
      safeDeploymentConfig: { saltNonce: config.saltNonce, safeVersion: newSafeVersion(chain) },
    },
    contractNetworks: contractNetworks(chain),
  })
}

/**
 * Deploys a new Safe: protocol-kit builds the proxy-factory transaction, the payer (any ethers Signer connected to
 * the chain: an unlocked local key, or the sandbox node's account) sends it, and the created address is read back
 * from the receipt and checked against the prediction.
 */
export async function deploySafe(chain: ChainRecord, config: NewSafeConfig, payer: Signer): Promise<DeployedSafe> {
  if (config.threshold < 1 || config.threshold > config.owners.length)
    throw new SafeDeployError(`threshold ${config.threshold} is not between 1 and ${config.owners.length} owners`)
  const predicted = await predictNewSafe(chain, config)
  const expected = getAddress(await predicted.getAddress())
  if (await predicted.isSafeDeployed())
    throw new SafeDeployError(
      `A Safe with these owners, threshold and salt already exists at ${expected}: add it, or use another salt`,
    )
  const tx = await predicted.createSafeDeploymentTransaction()
  const sent = await payer.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value) })
  const receipt: TransactionReceipt | null = await sent.wait()
  if (!receipt || receipt.status !== 1) throw new SafeDeployError(`the deployment transaction ${sent.hash} reverted`)
  const created = getAddress(
    protocolKit().getSafeAddressFromDeploymentTx(
      { logs: receipt.logs.map((l) => ({ address: l.address, topics: [...l.topics], data: l.data })) } as never,
      newSafeVersion(chain),
    ),
  )
  if (created !== expected) throw new SafeDeployError(`the Safe was created at ${created}, expected ${expected}`)
  return { address: created, txHash: sent.hash, blockNumber: receipt.blockNumber }
}
