import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { saveChain } from '../chain/store'
import { saveToken } from '../tokens/registry'
import { SAFE_VERSION } from '../chain/deployments'
import { setGovernanceToken } from '../governance/settings'
import { insertSafe } from '../safe/store'
import { setAddressLabel } from '../safe/addressbook'
import { startSandbox, type SandboxInfo } from '../sandbox'

export interface SandboxState {
  running: boolean
  starting: boolean
  error?: string
}

export interface SandboxController {
  state(): SandboxState
  /** The running sandbox (demo signers included), or null. */
  info(): SandboxInfo | null
  /** Starts the sandbox once and makes it the workspace's chain; concurrent calls share the same start. */
  start(): Promise<SandboxInfo>
}

export const SANDBOX_SAFE_LABEL = 'Demo treasury (sandbox)'

/** Makes a running sandbox the workspace's chain, with its token and demo Safe, as one audited change. */
export function adoptSandbox(ctx: CoreContext, started: SandboxInfo): void {
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'sandbox.started',
      subject: `chain:${started.chainId}`,
      payload: { safe: started.safeAddress, token: started.token.address },
    },
    () => {
      saveChain(ctx.db, {
        chainId: started.chainId,
        name: 'Sandbox (local Hardhat)',
        rpcUrl: started.rpcUrl,
        isSandbox: true,
        contractNetwork: started.contracts,
        contractsVersion: SAFE_VERSION,
      })
      saveToken(ctx.db, { chainId: started.chainId, ...started.token, source: 'sandbox' })
      // The sandbox's AITBC token (OpenZeppelin ERC20Votes, block-number clock) governs it: chosen here explicitly.
      setGovernanceToken(ctx.db, started.chainId, started.token.address, 'blocknumber')
      insertSafe(ctx.db, started.chainId, started.safeAddress, SANDBOX_SAFE_LABEL)
      // Owners are shown by name everywhere: the demo signers and the funder get their address-book entries.
      for (const s of [...started.signers, started.funder]) setAddressLabel(ctx.db, started.chainId, s.address, s.label)
    },
  )
}

export type SandboxStarter = (log: (line: string) => void) => Promise<SandboxInfo>

export function createSandboxController(
  ctx: CoreContext,
  log: (line: string) => void = () => {},
  // Only our own progress lines: Hardhat's banner and request chatter are noise (its failures surface as errors).
  starter: SandboxStarter = (l) => startSandbox({ log: (line) => line.startsWith('[sandbox]') && l(line) }),
): SandboxController {
  let info: SandboxInfo | null = null
  let starting: Promise<SandboxInfo> | null = null
  let error: string | undefined

  async function boot(): Promise<SandboxInfo> {
    const started = await starter(log)
    ctx.onClose(() => started.stop())
    adoptSandbox(ctx, started)
    return started
  }

  return {
    state: () => ({
      running: info !== null,
      starting: starting !== null && info === null,
      ...(error ? { error } : {}),
    }),
    info: () => info,
    start() {
      if (info) return Promise.resolve(info)
      if (!starting) {
        error = undefined
        starting = boot().then(
          (started) => {
            info = started
            return started
          },
          (failure: unknown) => {
            starting = null
            error = failure instanceof Error ? failure.message : String(failure)
            throw failure
          },
        )
      }
      return starting
    },
  }
}
