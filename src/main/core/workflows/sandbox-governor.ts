// The sandbox's governance set: deployed by the sandbox's funder for the demo Safe, the module enabled by a Safe
// transaction two demo owners sign (the demo keys are public: sandbox only).
import { Contract, Wallet, parseUnits } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { sandboxAccounts } from '../sandbox/accounts'
import { listSafes } from '../safe/store'
import { governanceTokenAddress } from '../governance/settings'
import { packSignatures, plainSafeTx, signSafeTx } from '../signing/safe-tx'
import { safeIface } from '../proposals/abi'
import { ApiError } from '../../../shared/errors'
import { connectGovernor, deployGovernorSet, enableModuleCall, requireSandbox, type GovernorParams } from '../governor'
import { SANDBOX_SAFE_LABEL } from './sandbox-workspace'

/** Short enough to try by hand (advance the clock), long enough that three votes fit in the period. */
export const SANDBOX_GOVERNOR = {
  votingDelay: 1,
  votingPeriod: 50,
  proposalThreshold: parseUnits('1000', 18),
  quorumPercent: 2,
  timelockDelay: 3600,
} as const

/** The sandbox's demo Safe and AITBC token as the workspace adopted them, and the demo keys (sandbox only). */
function sandboxParts(ctx: CoreContext, chain: ChainRecord) {
  const safe = listSafes(ctx.db, chain.chainId).find((s) => s.label === SANDBOX_SAFE_LABEL)?.address
  const token = governanceTokenAddress(ctx.db, chain.chainId)
  if (!safe || !token)
    throw new ApiError('NOT_CONFIGURED', 'the sandbox demo Safe or its token is not in this workspace')
  return { safeAddress: safe, token: { address: token }, ...sandboxAccounts() }
}

export async function deploySandboxGovernor(ctx: CoreContext, chain: ChainRecord) {
  requireSandbox(chain)
  const info = sandboxParts(ctx, chain)
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  let deployed
  try {
    const funder = new Wallet(info.funder.privateKey, provider)
    const params: GovernorParams = { token: info.token.address, safe: info.safeAddress, ...SANDBOX_GOVERNOR }
    deployed = await deployGovernorSet(funder, provider, params)
    const safe = new Contract(info.safeAddress, safeIface, funder)
    const nonce = (await safe.nonce()) as bigint
    const tx = plainSafeTx({ ...enableModuleCall(info.safeAddress, deployed.module), nonce: nonce.toString() })
    const signatures = await Promise.all(
      info.signers.slice(0, 2).map(async (s) => ({
        signer: s.address,
        data: await signSafeTx(new Wallet(s.privateKey), chain.chainId, info.safeAddress, tx),
      })),
    )
    const sent = await safe.execTransaction(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      packSignatures(signatures),
      { gasLimit: 500_000n },
    )
    const receipt = await sent.wait()
    if (!receipt || receipt.status !== 1) throw new Error('enableModule reverted')
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(
      'CHAIN_ERROR',
      `deploying the sandbox Governor failed: ${String((error as Error).message).split('\n')[0]}`,
    )
  } finally {
    provider.destroy()
  }
  return connectGovernor(
    ctx,
    chain,
    { address: deployed.governor, safe: info.safeAddress, module: deployed.module, fromBlock: deployed.fromBlock },
    WORKSPACE_USER,
  )
}
