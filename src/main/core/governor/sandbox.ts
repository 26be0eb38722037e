// The sandbox's governance set: deployed by the sandbox's funder for the demo Safe, the module enabled by a Safe
// transaction two demo owners sign (the demo keys are public: sandbox only), and a clock the user may move forward.
import { Contract, Wallet, parseUnits } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { sandboxAccounts } from '../sandbox/accounts'
import { listSafes } from '../safe/store'
import { governanceTokenAddress } from '../governance/settings'
import { SANDBOX_SAFE_LABEL } from '../workflows/sandbox-workspace'
import { packSignatures, plainSafeTx, signSafeTx } from '../signing/safe-tx'
import { safeIface } from '../proposals/abi'
import { ApiError } from '../../../shared/errors'
import { deployGovernorSet, enableModuleCall, type GovernorParams } from './deploy'
import { connectGovernor } from './service'

/** Short enough to try by hand (advance the clock), long enough that three votes fit in the period. */
export const SANDBOX_GOVERNOR = {
  votingDelay: 1,
  votingPeriod: 50,
  proposalThreshold: parseUnits('1000', 18),
  quorumPercent: 2,
  timelockDelay: 3600,
} as const

function requireSandbox(chain: ChainRecord) {
  if (!chain.isSandbox) throw new ApiError('BAD_INPUT', 'only on the sandbox chain')
}

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

/** evm_increaseTime then hardhat_mine: the next blocks carry the later time, and block-clock votes move too. */
export async function advanceSandboxTime(chain: ChainRecord, seconds: number, blocks: number) {
  requireSandbox(chain)
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    if (seconds > 0) await provider.send('evm_increaseTime', [seconds])
    await provider.send('hardhat_mine', [`0x${blocks.toString(16)}`])
    const block = await provider.getBlock('latest')
    return { blockNumber: block!.number, timestamp: block!.timestamp }
  } finally {
    provider.destroy()
  }
}
