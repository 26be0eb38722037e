import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import type { HolderIndexStatus } from '../../shared/contract/holder-index'
import type { CoreContext } from '../core/workspace/context'
import { envOf } from '../core/governance/service'
import {
  IndexNotCoveringError,
  holderAt,
  holderIndexStatus,
  holderMetrics,
  syncHolderIndex,
} from '../core/governance/holder-index'
import { firstLine } from '../core/first-line'

type HolderCalls =
  | 'governance.holderIndex'
  | 'governance.syncHolders'
  | 'governance.stopHolderSync'
  | 'governance.holderMetrics'
  | 'governance.holderAt'

// One sync per workspace at a time; its progress is polled (governance.holderIndex) and it can be stopped.
interface SyncJob {
  key: string
  sync: HolderIndexStatus['sync']
  abort: AbortController
  done: Promise<void>
}
const jobs = new WeakMap<CoreContext, SyncJob>()

const idleSync = (): HolderIndexStatus['sync'] => ({
  state: 'idle',
  target: null,
  logs: 0,
  splits: 0,
  rolledBackTo: null,
  error: null,
})

function statusOf(ctx: CoreContext): HolderIndexStatus {
  const { chain, token } = envOf(ctx)
  const row = holderIndexStatus(ctx.db, chain.chainId, token.address)
  const job = jobs.get(ctx)
  const key = `${chain.chainId}:${token.address}`
  return {
    chainId: chain.chainId,
    token: token.address,
    fromBlock: row?.fromBlock ?? null,
    syncedTo: row && row.syncedTo >= row.fromBlock ? row.syncedTo : null,
    logs: row?.logs ?? 0,
    reorgs: row?.reorgs ?? 0,
    lastReorgBlock: row?.lastReorgBlock ?? null,
    updatedAt: row?.updatedAt ?? null,
    sync: job && job.key === key ? { ...job.sync } : idleSync(),
  }
}

function notCovering(error: unknown): never {
  if (error instanceof IndexNotCoveringError) throw new ApiError('CONFLICT', `${error.message}.`)
  throw error
}

export const holderIndexHandlers: Handlers<HolderCalls> = {
  'governance.holderIndex': (_input, { ctx }) => statusOf(ctx),

  'governance.syncHolders': ({ fromBlock, rangeBlocks }, { ctx }) => {
    const env = envOf(ctx)
    const running = jobs.get(ctx)
    if (running && (running.sync.state === 'running' || running.sync.state === 'stopping'))
      throw new ApiError('CONFLICT', 'The holder index is already being synced.')
    const abort = new AbortController()
    const job: SyncJob = {
      key: `${env.chain.chainId}:${env.token.address}`,
      sync: { ...idleSync(), state: 'running' },
      abort,
      done: Promise.resolve(),
    }
    job.done = (async () => {
      try {
        const result = await syncHolderIndex({
          db: ctx.db,
          rpcUrl: env.chain.rpcUrl,
          chainId: env.chain.chainId,
          token: env.token.address,
          fromBlock,
          rangeBlocks,
          signal: abort.signal,
          onProgress: (p) => Object.assign(job.sync, { target: p.target, logs: p.logs, splits: p.splits }),
        })
        Object.assign(job.sync, {
          state: result.complete ? 'done' : 'stopped',
          target: result.head,
          logs: result.read.logs,
          splits: result.read.splits,
          rolledBackTo: result.rolledBackTo,
        })
      } catch (error) {
        Object.assign(job.sync, { state: 'failed', error: `The holder index could not be synced: ${firstLine(error)}` })
      }
    })()
    ctx.onClose(async () => {
      abort.abort()
      await job.done
    })
    jobs.set(ctx, job)
    return statusOf(ctx)
  },

  'governance.stopHolderSync': async (_input, { ctx }) => {
    const job = jobs.get(ctx)
    if (job && job.sync.state === 'running') {
      job.sync.state = 'stopping'
      job.abort.abort()
      await job.done
    }
    return statusOf(ctx)
  },

  'governance.holderMetrics': ({ block }, { ctx }) => {
    const { chain, token } = envOf(ctx)
    try {
      return holderMetrics(ctx.db, chain.chainId, token.address, block)
    } catch (error) {
      notCovering(error)
    }
  },

  'governance.holderAt': ({ account, block }, { ctx }) => {
    const { chain, token } = envOf(ctx)
    try {
      return holderAt(ctx.db, chain.chainId, token.address, account, block)
    } catch (error) {
      notCovering(error)
    }
  },
}
