// A governance set for a real Safe: the three contracts are deployed from a key of the key store (any account: the
// contracts take no orders from their deployer), then the one thing only the Safe can do, enabling the module, is
// drafted as a Safe proposal its owners review, sign and execute like any other. Until then the Governor is
// connected but its module is shown as not enabled.
import { getAddress, type Wallet } from 'ethers'
import type { CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { firstLine } from '../first-line'
import { getSafe } from '../safe/store'
import { createProposalFromInput } from '../proposals/service'
import { ApiError } from '../../../shared/errors'
import { connectGovernor, deployGovernorSet, enableModuleCall, type GovernorParams } from '../governor'

export async function deployGovernorForSafe(
  ctx: CoreContext,
  chain: ChainRecord,
  deployer: Wallet,
  params: GovernorParams,
) {
  if (!getSafe(ctx.db, chain.chainId, getAddress(params.safe)))
    throw new ApiError('NOT_FOUND', `Safe ${params.safe} is not in this workspace. Add it first.`)
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  let deployed
  try {
    deployed = await deployGovernorSet(deployer.connect(provider), provider, params)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `deploying the Governor set failed: ${firstLine(error)}`)
  } finally {
    provider.destroy()
  }
  const governor = await connectGovernor(
    ctx,
    chain,
    {
      address: deployed.governor,
      safe: getAddress(params.safe),
      module: deployed.module,
      fromBlock: deployed.fromBlock,
    },
    deployer.address,
  )
  const enable = enableModuleCall(params.safe, deployed.module)
  const proposal = await createProposalFromInput(ctx, chain, {
    safe: getAddress(params.safe),
    title: `Enable the Governor module ${deployed.module}`,
    description:
      `Lets Governor ${deployed.governor} (timelock ${deployed.timelock}) execute passed proposals on this Safe ` +
      `after a ${params.timelockDelay} s delay. The Safe keeps the timelock's canceller role: its signers can veto.`,
    body: { type: 'transactions', parts: [{ type: 'contract_call', to: enable.to, value: '0', data: enable.data }] },
  } as Parameters<typeof createProposalFromInput>[2])
  return { governor, enableModuleProposalId: proposal.id }
}
