// Sandbox chain: a local Hardhat node with Safe 1.4.1, the AITBC token and a funded 2-of-3 demo Safe,
// so the app can be tried (and tested) without touching a real network. Plain Node, no Electron.
import { deploySandbox } from './deploy'
import { startHardhatNode } from './hardhat-node'
import type { SandboxInfo, StartSandboxOptions } from './types'

export type {
  DemoSigner,
  SandboxContracts,
  SandboxDeployment,
  SandboxInfo,
  SandboxToken,
  StartSandboxOptions,
} from './types'
export { SANDBOX_CHAIN_ID, SANDBOX_MNEMONIC, sandboxAccounts } from './accounts'
export {
  deploySandbox,
  predictSafeAddress,
  tokenContract,
  TOKEN_NAME,
  TOKEN_SUPPLY,
  SAFE_TOKEN_GRANT,
  SIGNER_TOKEN_GRANT,
  SAFE_ETH_GRANT,
  DEMO_SAFE_THRESHOLD,
  DEMO_SAFE_SALT_NONCE,
} from './deploy'
export { startHardhatNode, freePort } from './hardhat-node'
export { tokenArtifact } from './artifacts'

/** Starts a fresh node and deploys everything; the addresses are the same on every start. */
export async function startSandbox(opts: StartSandboxOptions = {}): Promise<SandboxInfo> {
  const started = Date.now()
  const node = await startHardhatNode(opts)
  opts.log?.(`[sandbox] node up at ${node.rpcUrl} after ${Date.now() - started} ms`)
  try {
    const deployment = await deploySandbox(node.rpcUrl)
    opts.log?.(`[sandbox] deployed in ${Date.now() - started} ms total; demo Safe ${deployment.safeAddress}`)
    return { rpcUrl: node.rpcUrl, ...deployment, stop: node.stop }
  } catch (e) {
    await node.stop()
    throw e
  }
}
