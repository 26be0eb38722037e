import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import type { DiscoveryStatus } from '../../shared/contract/tokens'
import { requireChainFor, type ChainRecord } from '../core/chain'
import { listSafes } from '../core/safe/store'
import { WORKSPACE_USER, type CoreContext } from '../core/workspace/context'
import {
  addTokenByAddress,
  adoptKeptListEntries,
  checkedProvider,
  deleteToken,
  discoverTokens,
  getToken,
  importTokenList,
  nativeCurrency,
  registryOf,
  resetNativeCurrency,
  setNativeCurrency,
  setTokenHidden,
  tokenUses,
  viewOf,
} from '../core/tokens'
import { firstLine } from '../core/first-line'
import { balancesOf } from '../core/workflows/token-balances'
import { NotAVotesTokenError, readVotesClock, setGovernanceToken } from '../core/governance'

type TokenCalls =
  | 'tokens.list'
  | 'tokens.add'
  | 'tokens.importList'
  | 'tokens.discover'
  | 'tokens.discoverStatus'
  | 'tokens.discoverStop'
  | 'tokens.hide'
  | 'tokens.remove'
  | 'tokens.balances'
  | 'tokens.native'
  | 'tokens.setNative'
  | 'governance.setToken'

// One discovery per workspace at a time; its progress is polled (tokens.discoverStatus) and it can be stopped.
interface DiscoveryJob {
  status: DiscoveryStatus
  abort: AbortController
  done: Promise<void>
}
const jobs = new WeakMap<CoreContext, DiscoveryJob>()

const idle = (): DiscoveryStatus => ({
  chainId: null,
  state: 'idle',
  fromBlock: null,
  toBlock: null,
  scannedTo: null,
  logs: 0,
  splits: 0,
  added: [],
  refused: [],
  known: 0,
  resumedFrom: null,
  error: null,
})

function startDiscovery(ctx: CoreContext, chain: ChainRecord, fromBlock?: number, rangeBlocks?: number): DiscoveryJob {
  const safes = listSafes(ctx.db, chain.chainId).map((s) => s.address)
  if (safes.length === 0) throw new ApiError('NOT_FOUND', `Chain ${chain.chainId} has no Safe in this workspace yet.`)
  const abort = new AbortController()
  const status: DiscoveryStatus = { ...idle(), chainId: chain.chainId, state: 'running' }
  const job: DiscoveryJob = { status, abort, done: Promise.resolve() }
  job.done = (async () => {
    try {
      const provider = await checkedProvider(chain)
      try {
        const result = await discoverTokens({
          ctx,
          provider,
          chainId: chain.chainId,
          safes,
          fromBlock,
          rangeBlocks,
          signal: abort.signal,
          onProgress: (p) => Object.assign(status, p),
        })
        Object.assign(status, result, { state: result.complete ? 'done' : 'stopped' })
      } finally {
        provider.destroy()
      }
    } catch (error) {
      Object.assign(status, { state: 'failed', error: firstLine(error) })
    }
  })()
  ctx.onClose(async () => {
    abort.abort()
    await job.done
  })
  return job
}

export const tokensHandlers: Handlers<TokenCalls> = {
  'tokens.list': ({ chainId }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    const kept = ctx.db
      .prepare('SELECT count(*) AS n FROM token_list_entries WHERE chain_id = ?')
      .get(chain.chainId) as {
      n: number
    }
    if (kept.n > 0)
      ctx.mutate(
        (n: number) => ({
          actor: WORKSPACE_USER,
          action: 'token.list.adopted',
          subject: `chain:${chain.chainId}`,
          payload: { entries: n },
        }),
        () => adoptKeptListEntries(ctx, chain.chainId),
      )
    return registryOf(ctx, chain.chainId)
  },

  'tokens.add': ({ chainId, address }, { ctx }) => addTokenByAddress(ctx, requireChainFor(ctx.db, chainId), address),

  'tokens.importList': ({ json }, { ctx }) => importTokenList(ctx, json),

  'tokens.discover': async ({ chainId, fromBlock, rangeBlocks }, { ctx }) => {
    const running = jobs.get(ctx)
    if (running && (running.status.state === 'running' || running.status.state === 'stopping'))
      throw new ApiError('CONFLICT', `A discovery is already running on chain ${running.status.chainId}.`)
    const job = startDiscovery(ctx, requireChainFor(ctx.db, chainId), fromBlock, rangeBlocks)
    jobs.set(ctx, job)
    return { ...job.status }
  },

  'tokens.discoverStatus': (_input, { ctx }) => ({ ...(jobs.get(ctx)?.status ?? idle()) }),

  'tokens.discoverStop': async (_input, { ctx }) => {
    const job = jobs.get(ctx)
    if (!job) return idle()
    if (job.status.state === 'running') {
      job.status.state = 'stopping'
      job.abort.abort()
      await job.done
    }
    return { ...job.status }
  },

  'tokens.hide': ({ chainId, address, hidden }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    if (!getToken(ctx.db, chain.chainId, address))
      throw new ApiError('NOT_FOUND', `Token ${address} is not registered on chain ${chain.chainId}.`)
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: hidden ? 'token.hidden' : 'token.shown',
        subject: `token:${chain.chainId}:${address}`,
      },
      () => setTokenHidden(ctx.db, chain.chainId, address, hidden),
    )
    return viewOf(getToken(ctx.db, chain.chainId, address)!)
  },

  'tokens.remove': ({ chainId, address }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    const token = getToken(ctx.db, chain.chainId, address)
    if (!token) throw new ApiError('NOT_FOUND', `Token ${address} is not registered on chain ${chain.chainId}.`)
    const uses = tokenUses(ctx.db, chain.chainId, address)
    if (uses.length > 0)
      throw new ApiError(
        'CONFLICT',
        `${token.symbol} (${address}) cannot be removed: ${uses.join(', ')} use it. Hide it instead.`,
        { uses },
      )
    return ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'token.removed',
        subject: `token:${chain.chainId}:${address}`,
        payload: { symbol: token.symbol },
      },
      () => ({ removed: deleteToken(ctx.db, chain.chainId, address) }),
    )
  },

  'tokens.balances': ({ chainId, refresh }, { ctx }) =>
    balancesOf(ctx, requireChainFor(ctx.db, chainId), refresh ?? false),

  'tokens.native': ({ chainId }, { ctx }) => nativeCurrency(ctx.db, requireChainFor(ctx.db, chainId).chainId),

  'tokens.setNative': (input, { ctx }) => {
    const chain = requireChainFor(ctx.db, input.chainId)
    const before = nativeCurrency(ctx.db, chain.chainId)
    if ('reset' in input) {
      ctx.mutate(
        { actor: WORKSPACE_USER, action: 'chain.native.reset', subject: `chain:${chain.chainId}`, payload: { before } },
        () => resetNativeCurrency(ctx.db, chain.chainId),
      )
    } else {
      const after = { symbol: input.symbol, name: input.name, decimals: input.decimals }
      ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'chain.native.set',
          subject: `chain:${chain.chainId}`,
          payload: { before, after },
        },
        () => setNativeCurrency(ctx.db, chain.chainId, after),
      )
    }
    return nativeCurrency(ctx.db, chain.chainId)
  },

  'governance.setToken': async ({ chainId, address }, { ctx }) => {
    const chain = requireChainFor(ctx.db, chainId)
    const token = getToken(ctx.db, chain.chainId, address)
    if (!token)
      throw new ApiError('NOT_FOUND', `Register ${address} as a token on chain ${chain.chainId} first (Tokens page).`)
    const provider = await checkedProvider(chain)
    let clock
    try {
      clock = await readVotesClock(provider, address)
    } catch (error) {
      if (error instanceof NotAVotesTokenError) throw new ApiError('BAD_INPUT', error.message, { reason: error.reason })
      throw new ApiError('CHAIN_ERROR', `${address} could not be read: ${firstLine(error)}`)
    } finally {
      provider.destroy()
    }
    ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'governance.token.set',
        subject: `chain:${chain.chainId}`,
        payload: { token: address, symbol: token.symbol, clockMode: clock.mode },
      },
      () => setGovernanceToken(ctx.db, chain.chainId, address, clock.mode),
    )
    return {
      chainId: chain.chainId,
      address,
      symbol: token.symbol,
      clockMode: clock.mode,
      clockModeText: clock.clockModeText,
    }
  },
}
