// Deploying the governance set (Governor, timelock, Safe module) and wiring it to a Safe. The Governor and the
// timelock need each other's address at construction: the Governor's is predicted from the deployer's nonce, so the
// timelock is deployed first, pointing at where the Governor will land.
import { ContractFactory, getCreateAddress, getAddress, type Provider, type Signer } from 'ethers'
import { governorArtifacts } from './artifacts'
import { safeModuleIface } from './abi'

export interface GovernorParams {
  token: string
  safe: string
  /** In the token's clock unit (blocks for a block-number clock, seconds for a timestamp clock). */
  votingDelay: number
  votingPeriod: number
  /** Base units of the token. */
  proposalThreshold: bigint
  /** Percent of the past total supply (GovernorVotesQuorumFraction's numerator over 100). */
  quorumPercent: number
  /** Seconds between queue and execute. */
  timelockDelay: number
}

export interface GovernorSetAddresses {
  governor: string
  timelock: string
  module: string
  /** The block the Governor was created in: its proposals are read from there. */
  fromBlock: number
}

/** Creation code of each contract with its constructor arguments, in deployment order. */
export async function governorSetCreationCode(p: GovernorParams, governorAddress: string, timelockAddress: string) {
  const a = governorArtifacts
  const tx = async (artifact: typeof a.governor, args: unknown[]) =>
    (await new ContractFactory(artifact.abi, artifact.bytecode).getDeployTransaction(...args)).data
  return {
    timelock: await tx(a.timelock, [p.timelockDelay, governorAddress, getAddress(p.safe)]),
    governor: await tx(a.governor, [
      getAddress(p.token),
      timelockAddress,
      p.votingDelay,
      p.votingPeriod,
      p.proposalThreshold,
      p.quorumPercent,
    ]),
    module: await tx(a.module, [getAddress(p.safe), timelockAddress]),
  }
}

/**
 * Deploys the three contracts from `deployer` (three transactions, nonces n, n+1, n+2). Enabling the module on
 * the Safe is a Safe transaction of its own: `enableModuleCall`.
 */
export async function deployGovernorSet(
  deployer: Signer,
  provider: Provider,
  p: GovernorParams,
): Promise<GovernorSetAddresses> {
  if (p.quorumPercent < 0 || p.quorumPercent > 100) throw new Error('quorum must be a percent between 0 and 100')
  const from = await deployer.getAddress()
  const nonce = await provider.getTransactionCount(from, 'pending')
  const timelock = getCreateAddress({ from, nonce })
  const governor = getCreateAddress({ from, nonce: nonce + 1 })
  const module = getCreateAddress({ from, nonce: nonce + 2 })
  const code = await governorSetCreationCode(p, governor, timelock)
  const sent = []
  for (const [i, data] of [code.timelock, code.governor, code.module].entries()) {
    sent.push(await deployer.sendTransaction({ data, nonce: nonce + i, gasLimit: 8_000_000n }))
  }
  const receipts = await Promise.all(sent.map((s) => s.wait()))
  receipts.forEach((r, i) => {
    if (!r || r.status !== 1) throw new Error(`deploying ${['timelock', 'governor', 'module'][i]} reverted`)
  })
  return { governor, timelock, module, fromBlock: receipts[1]!.blockNumber }
}

/** The Safe's call to itself that lets the module act for it (a Safe transaction the owners sign). */
export function enableModuleCall(safe: string, module: string) {
  return {
    to: getAddress(safe),
    value: '0',
    data: safeModuleIface.encodeFunctionData('enableModule', [getAddress(module)]) as `0x${string}`,
    operation: 0 as const,
  }
}
