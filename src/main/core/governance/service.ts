import type { Wallet } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { ParsedInput } from '../../../shared/contract'
import type {
  DelegationInfo,
  GovernanceSettings,
  GovernanceProposalDetail,
  TypedDataRequest,
  VoteImportResult,
} from '../../../shared/contract/governance'
import { getActiveChain, type ChainRecord } from '../chain/store'
import { listTokens } from '../tokens/registry'
import { requireChain } from '../chain/active'
import { councilMembersNow } from '../council/members'
import { firstLine } from '../first-line'
import { connectSafe } from '../safe/protocol'
import { getSafe } from '../safe/store'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { KIND_LABELS, PROPOSAL_KINDS, SUPPORT, SUPPORT_NAMES } from './types'
import {
  EIP712_DOMAIN_TYPE,
  actionDigest,
  actionTypedData,
  governanceDomain,
  signAction,
  signVote,
  voteTypedData,
  type ActionMessage,
  type VoteMessage,
} from './typed-data'
import { allRules, getRules, governanceClockMode, setRules } from './settings'
import {
  DELEGATION_TYPES,
  delegateByTransaction,
  readDelegation,
  readTokenDomain,
  recoverDelegator,
  submitDelegateBySig,
} from './chain'
import { recoverSigner } from './recover'
import { VoteFileError, parseVoteFile, voteBundle, voteFile, type ParsedVote } from './files'
import { VoteLinesStoppedError, readVoteLines, type VoteLinesRead } from './vote-lines'
import {
  allVotes,
  getProposal,
  insertProposal,
  insertVotes,
  votesOfVoters,
  listProposals,
  saveWeights,
  setCanceled,
  setImplemented,
  setQueued,
  setSafeLink,
  voteCount,
  votePage,
  votePageAfter,
  placeOf,
  placeText,
  type ProposalRecord,
} from './store'
import { checkVotes } from './votes'
import { getDispute, insertDispute, listDisputes, resolveDispute } from './disputes'
import { matchesSpending, safeTxHash, spendingCalls, spendingDraftFor, spendingSafeTx } from './spending'
import {
  chainClock,
  detailOf,
  disputeView,
  evaluate,
  governanceToken,
  prepareProposal,
  summaryOf,
  syncChainFacts,
  voteView,
  type GovEnv,
} from './proposals'
import { participationReport } from './participation'
import { WeightsStoppedError, weightsAtSnapshot, type WeightsSource } from './weights'
import { keccak256Hex } from '../signing/native-crypto'
import { appendAuditEvents } from '../audit/log'
import { storedVoteMatcher } from './stored-votes'

/**
 * What governance's calls need beyond the workspace: a signer key by address (the key store's `wallet`, which throws
 * LOCKED or NOT_FOUND). The API's Services satisfy it.
 */
export interface GovernanceDeps {
  ctx: CoreContext
  keys: { wallet(address: string): Wallet }
}

export function envOf(ctx: CoreContext): GovEnv {
  const chain = requireChain(ctx.db)
  const token = governanceToken(ctx.db, chain.chainId)
  if (!token)
    throw new ApiError(
      'NOT_CONFIGURED',
      `No governance token is chosen on chain ${chain.chainId}: choose one in Governance settings (any ERC-5805 votes token registered on the Tokens page).`,
    )
  return { db: ctx.db, chain, token }
}

export async function clockOf(env: GovEnv, live = false) {
  let result: Awaited<ReturnType<typeof chainClock>>
  try {
    result = await chainClock(env.db, env.chain)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', firstLine(error))
  }
  if (live && result.info.stale)
    throw new ApiError('CHAIN_ERROR', `This needs the chain, which is unreachable: ${result.info.staleReason}`)
  return result
}

export function proposalOf(env: GovEnv, id: string): ProposalRecord {
  const p = getProposal(env.db, id)
  if (!p || p.chainId !== env.chain.chainId) throw new ApiError('NOT_FOUND', `Proposal ${id} is not in this workspace.`)
  return p
}

export async function evaluated(env: GovEnv, id: string, live = false) {
  const p = proposalOf(env, id)
  const { clock, info } = await clockOf(env, live)
  try {
    await syncChainFacts(env, p, clock, info.stale)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The proposal's chain facts could not be read: ${firstLine(error)}`)
  }
  return { p, clock, info, e: evaluate(env, p, clock) }
}

export async function detail(env: GovEnv, id: string): Promise<GovernanceProposalDetail> {
  const { p, e, info } = await evaluated(env, id)
  return detailOf(env, p, e, info)
}

function keyFor(services: GovernanceDeps, address: string): Wallet {
  // LOCKED or NOT_FOUND from the key store tell the user to unlock the key or paste a signature instead.
  return services.keys.wallet(address)
}

/**
 * An authority's decision: the EIP-712 Action signed by `by`, either pasted (signed elsewhere, e.g. offline) or made
 * now with an unlocked key. Returns the checked signature, which is stored with the decision.
 */
async function authorize(services: GovernanceDeps, env: GovEnv, message: ActionMessage, signature?: string) {
  const domain = governanceDomain(env.chain.chainId, env.token.address)
  const sig = signature ?? (await signAction(keyFor(services, message.signer), domain, message))
  let signer: string
  try {
    signer = recoverSigner(actionDigest(domain, message), sig)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The signature is malformed: ${firstLine(error)}`)
  }
  if (signer !== message.signer)
    throw new ApiError(
      'UNAUTHORIZED',
      `The signature was not made by ${message.signer} over this ${message.action} (it recovers to ${signer}).`,
    )
  return sig
}

const ACTION_NAMES = {
  cancel: 'cancel-proposal',
  implemented: 'record-implemented',
} as const

function typedRequest(payload: {
  types: TypedDataRequest['types']
  primaryType: string
  domain: object
  message: object
}): TypedDataRequest {
  return JSON.parse(JSON.stringify(payload)) as TypedDataRequest
}

function requireCouncilOrProposer(by: string, allowed: string[], what: string) {
  if (!allowed.includes(by))
    throw new ApiError('UNAUTHORIZED', `${by} may not ${what}: only ${allowed.length ? allowed.join(', ') : 'nobody'}.`)
}

async function delegationInfo(env: GovEnv, account: string): Promise<DelegationInfo> {
  try {
    const view = await readDelegation(env.chain.rpcUrl, env.chain.chainId, env.token.address, account)
    const own = view.delegate === account ? view.balance : 0n
    return {
      account,
      token: { address: env.token.address, symbol: env.token.symbol, decimals: env.token.decimals },
      balance: view.balance.toString(),
      votes: view.votes.toString(),
      delegate: view.delegate,
      delegators: view.delegators.map((d) => ({ address: d.address, balance: d.balance.toString() })),
      delegatedToMe: (view.votes > own ? view.votes - own : 0n).toString(),
      nonce: view.nonce.toString(),
    }
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `Delegation could not be read: ${firstLine(error)}`)
  }
}

export async function settingsOf(ctx: CoreContext): Promise<GovernanceSettings> {
  const chain: ChainRecord | null = getActiveChain(ctx.db)
  const token = chain ? governanceToken(ctx.db, chain.chainId) : null
  const rules = allRules(ctx.db)
  return {
    chainId: chain?.chainId ?? null,
    token: token ? { address: token.address, symbol: token.symbol, decimals: token.decimals } : null,
    kinds: PROPOSAL_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], rules: rules[kind] })),
    council: chain && token ? await councilMembersNow(ctx.db, chain) : [],
    domain: chain && token ? governanceDomain(chain.chainId, token.address) : null,
    clockMode: chain ? governanceClockMode(ctx.db, chain.chainId) : undefined,
  }
}

export async function updateGovernanceRules(ctx: CoreContext, { kind, rules }: ParsedInput<'governance.updateRules'>) {
  const before = getRules(ctx.db, kind)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'governance.rules.updated',
      subject: `governance-type:${kind}`,
      payload: { before, after: rules },
    },
    () => setRules(ctx.db, kind, rules),
  )
  return settingsOf(ctx)
}

export async function listGovernanceProposals(ctx: CoreContext) {
  const env = envOf(ctx)
  const { clock, info } = await clockOf(env)
  const proposals = []
  for (const p of listProposals(env.db, env.chain.chainId)) {
    try {
      await syncChainFacts(env, p, clock, info.stale)
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `Proposal ${p.id} could not be read from the chain: ${firstLine(error)}`)
    }
    proposals.push(summaryOf(p, evaluate(env, p, clock)))
  }
  return { clock: info, proposals }
}

export function governanceProposal(ctx: CoreContext, id: string) {
  return detail(envOf(ctx), id)
}

export async function createGovernanceProposal(ctx: CoreContext, input: ParsedInput<'governance.create'>) {
  const env = envOf(ctx)
  if (input.kind === 'treasury_spending') {
    if (!input.spending) throw new ApiError('BAD_INPUT', 'A treasury-spending proposal needs its transfers.')
    if (!getSafe(env.db, env.chain.chainId, input.spending.safe))
      throw new ApiError('BAD_INPUT', `Safe ${input.spending.safe} is not in this workspace.`)
    const tokens = listTokens(env.db, env.chain.chainId)
    for (const [i, t] of input.spending.transfers.entries()) {
      if (t.token !== null && !tokens.some((k) => k.address === t.token))
        throw new ApiError('BAD_INPUT', `transfers.${i}.token: ${t.token} is not a token this workspace knows.`)
      if (t.recipient === input.spending.safe)
        throw new ApiError('BAD_INPUT', `transfers.${i}.recipient: the Safe cannot pay itself.`)
    }
  } else if (input.spending) {
    throw new ApiError('BAD_INPUT', 'Only a treasury-spending proposal carries transfers.')
  }
  const { clock } = await clockOf(env, true)
  const prepared = prepareProposal(
    env,
    {
      kind: input.kind,
      title: input.title,
      body: input.body,
      proposer: input.proposer,
      spending: input.spending && {
        safe: input.spending.safe,
        transfers: input.spending.transfers.map((t) => ({ ...t, amount: BigInt(t.amount) })),
      },
    },
    clock,
  )
  const c = prepared.content
  ctx.mutate(
    {
      // The proposer is a typed address, not a signature: the workspace user created the record.
      actor: WORKSPACE_USER,
      action: 'governance.proposal.created',
      subject: `governance-proposal:${prepared.id}`,
      payload: {
        kind: c.kind,
        title: c.title,
        proposer: c.proposer,
        snapshotBlock: c.snapshotBlock,
        endBlock: c.endBlock,
        rules: c.rules,
        spending: c.spending,
      },
    },
    () => insertProposal(env.db, { ...c, id: prepared.id, content: prepared.canonical }),
  )
  return detail(env, prepared.id)
}

export async function voteRequest(
  ctx: CoreContext,
  { id, voter, support, reason, timestamp }: ParsedInput<'governance.voteRequest'>,
) {
  const env = envOf(ctx)
  const p = proposalOf(env, id)
  const message: VoteMessage = {
    proposalId: p.id,
    support: SUPPORT[support],
    voter,
    timestamp: timestamp ?? Math.floor(Date.now() / 1000),
    reason,
  }
  return { typedData: typedRequest(voteTypedData(governanceDomain(env.chain.chainId, env.token.address), message)) }
}

export async function signVoteFile(
  services: GovernanceDeps,
  { id, voter, support, reason }: ParsedInput<'governance.signVote'>,
) {
  const env = envOf(services.ctx)
  const p = proposalOf(env, id)
  const wallet = keyFor(services, voter)
  const domain = governanceDomain(env.chain.chainId, env.token.address)
  const message: VoteMessage = {
    proposalId: p.id,
    support: SUPPORT[support],
    voter,
    timestamp: Math.floor(Date.now() / 1000),
    reason,
  }
  const signature = await signVote(wallet, domain, message)
  return {
    fileName: `vote-${p.id.slice(2, 10)}-${voter.slice(2, 8).toLowerCase()}.json`,
    text: JSON.stringify(voteFile(domain, message, signature), null, 2),
  }
}

export async function importVotes(ctx: CoreContext, { text, skipRefused }: ParsedInput<'governance.importVotes'>) {
  const env = envOf(ctx)
  let parsed
  try {
    parsed = parseVoteFile(text)
  } catch (error) {
    if (error instanceof VoteFileError) throw new ApiError('BAD_INPUT', `The vote file was refused: ${error.message}.`)
    throw error
  }
  return checkAndStoreVotes(ctx, env, parsed, {
    skipRefused,
    where: (o) => (parsed.length > 1 ? `votes[${o.index}] (${o.voter})` : `The vote of ${o.voter}`),
  })
}

/** What a vote-lines import reports while it works, and how it can be stopped. */
export interface VoteLinesImportOptions {
  skipRefused: boolean
  onProgress?: (lines: number) => void
  /** Voting power read so far at a snapshot (the holder index, Multicall3 or JSON-RPC batches). */
  onWeights?: (progress: WeightsProgress) => void
  /** Stops the reading or the weights; nothing is stored once it fires (the store is one transaction). */
  signal?: AbortSignal
}

export interface WeightsProgress {
  block: number
  done: number
  total: number
  source: WeightsSource
}

/**
 * Imports a vote-lines file (one signed vote per line) streamed from disk, signatures recovered in a worker beside
 * this thread. A line that is no valid vote is named by its number; like a refused vote it stops the import unless
 * `skipRefused`, when every other line is imported as the file says.
 */
export async function importVoteLines(ctx: CoreContext, file: string, opts: VoteLinesImportOptions) {
  envOf(ctx)
  let read: VoteLinesRead
  try {
    read = await readVoteLines(file, {
      onProgress: opts.onProgress,
      signal: opts.signal,
      alreadyVerified: storedVoteMatcher(ctx.db),
    })
  } catch (error) {
    throw stoppedOr(error)
  }
  return storeVoteLines(ctx, read, opts)
}

/** The message of an import stopped before anything was stored. */
export const IMPORT_STOPPED = 'The vote import was cancelled: nothing was stored.'

function stoppedOr(error: unknown) {
  if (error instanceof VoteLinesStoppedError || error instanceof WeightsStoppedError)
    return new ApiError('CONFLICT', IMPORT_STOPPED)
  return error
}

/** Checks and stores the votes of vote lines already read (from a file or an upload session), as one import. */
export async function storeVoteLines(
  ctx: CoreContext,
  read: VoteLinesRead,
  opts: Omit<VoteLinesImportOptions, 'onProgress'>,
) {
  // Refused before the check awaits the signers: the workers recovering them are not needed any more.
  let env: GovEnv
  try {
    env = envOf(ctx)
  } catch (error) {
    read.release()
    throw error
  }
  if (read.badCount && !opts.skipRefused) {
    read.release()
    const first = read.badLines[0]
    throw new ApiError(
      'BAD_INPUT',
      `Line ${first.line} of the vote file is not a valid vote: ${first.reason}.` +
        (read.badCount > 1 ? ` ${read.badCount - 1} more bad lines.` : '') +
        ' Nothing was imported.',
      { badLines: read.badLines.slice(0, 200) },
    )
  }
  const summary = await checkAndStoreVotes(ctx, env, read.votes, {
    skipRefused: opts.skipRefused,
    recovered: read.recovered,
    where: (o) => `Line ${o.index} (${o.voter})`,
    signal: opts.signal,
    onWeights: opts.onWeights,
  })
  return {
    ...summary,
    lines: read.lines,
    badLines: read.badLines,
    badCount: read.badCount,
    recoveredIn: read.recoveredIn,
    alreadyStored: read.alreadyStored,
  }
}

/**
 * One vote signed elsewhere than in a file (on a hardware device), through exactly the checks and the store of an
 * imported vote file: domain, proposal, voting window, signature recovered to the voter, power at the snapshot.
 */
export async function recordSignedVote(ctx: CoreContext, vote: Omit<ParsedVote, 'index'>) {
  return checkAndStoreVotes(ctx, envOf(ctx), [{ index: 0, ...vote }], {
    skipRefused: false,
    where: (o) => `The vote of ${o.voter}`,
  })
}

async function checkAndStoreVotes(
  ctx: CoreContext,
  env: GovEnv,
  parsed: ParsedVote[],
  opts: {
    skipRefused: boolean
    recovered?: Map<number, string | { error: string }> | Promise<Map<number, string | { error: string }>>
    where: (o: { index: number; voter: string }) => string
    signal?: AbortSignal
    onWeights?: (progress: WeightsProgress) => void
  },
): Promise<VoteImportResult> {
  const { skipRefused } = opts
  const { clock } = await clockOf(env, true)
  let result
  try {
    result = await checkVotes(
      {
        db: env.db,
        chainId: env.chain.chainId,
        token: env.token.address,
        clock,
        nowSeconds: Math.floor(Date.now() / 1000),
        recovered: opts.recovered,
        // The holder index when it covers the snapshot (sample-checked), else batched chain reads.
        readWeights: async (block, accounts) => {
          try {
            return (
              await weightsAtSnapshot({
                db: env.db,
                rpcUrl: env.chain.rpcUrl,
                chainId: env.chain.chainId,
                token: env.token.address,
                block,
                accounts,
                blockClock: governanceClockMode(env.db, env.chain.chainId) === 'blocknumber',
                signal: opts.signal,
                onProgress: (done, total, source) => opts.onWeights?.({ block, done, total, source }),
              })
            ).weights
          } catch (error) {
            if (error instanceof WeightsStoppedError) throw error
            throw new ApiError('CHAIN_ERROR', `Voting power could not be read from the chain: ${firstLine(error)}`)
          }
        },
      },
      parsed,
    )
  } catch (error) {
    // A stop while the signers were recovered or the weights read; anything else (a recovery worker that failed,
    // the chain) as it came.
    throw stoppedOr(error)
  }
  const outcomes = result.outcomes.map((o) => ({
    index: o.index,
    proposalId: o.proposalId,
    voter: o.voter,
    support: SUPPORT_NAMES[o.support],
    status: o.status,
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.weight !== undefined ? { weight: o.weight.toString() } : {}),
  }))
  const count = (s: string) => outcomes.filter((o) => o.status === s).length
  const summary: VoteImportResult = {
    accepted: count('accepted'),
    superseded: count('superseded'),
    duplicates: count('duplicate'),
    refused: count('refused'),
    outcomes,
  }
  if (summary.refused && !skipRefused) {
    const first = outcomes.find((o) => o.status === 'refused')!
    const where = opts.where(first)
    throw new ApiError(
      'BAD_INPUT',
      `${where} was refused: ${first.reason}.` +
        (summary.refused > 1 ? ` ${summary.refused - 1} more refused.` : '') +
        ' Nothing was imported.',
      { outcomes: outcomes.filter((o) => o.status === 'refused').slice(0, 200) },
    )
  }
  if (result.toStore.length === 0) return summary
  // A stop that came while the weights' last answers arrived: the store below is all or nothing, so not begun.
  if (opts.signal?.aborted) throw stoppedOr(new WeightsStoppedError())
  const importedAt = new Date().toISOString()
  // One event per proposal and voter: the recovered voter is the actor of the votes their signature carries.
  const groups = new Map<string, typeof result.toStore>()
  for (const v of result.toStore) {
    const key = `${v.proposalId} ${v.voter}`
    const group = groups.get(key)
    if (group) group.push(v)
    else groups.set(key, [v])
  }
  const refusedOf = (proposalId: string) =>
    outcomes
      .filter((o) => o.status === 'refused' && o.proposalId === proposalId)
      .slice(0, 50)
      .map((o) => ({ voter: o.voter, reason: o.reason }))
  env.db.transaction(() => {
    for (const [block, weights] of result.freshWeights)
      saveWeights(env.db, env.chain.chainId, env.token.address, block, weights)
    // All votes in one call (counted flags and the stored tally resolved once), then each voter's event, as
    // `ctx.mutate` would store them but without a savepoint per voter (80,000 of them for the seed's decision): the
    // enclosing transaction already makes votes, tally and events all or nothing.
    insertVotes(
      env.db,
      result.toStore.map((v) => ({ ...v, importedAt })),
    )
    // One append for all voters' events (their per-day counts added once, not one upsert an event), each event
    // built as it is appended.
    appendAuditEvents(
      env.db,
      mapValues(groups, (votes) => ({
        actor: votes[0].voter,
        action: 'governance.votes.imported',
        subject: `governance-proposal:${votes[0].proposalId}`,
        payload: {
          stored: votes.length,
          // Every stored vote carries its own signature; the digest pins exactly which were imported here (the
          // native Keccak gives ethers' keccak256(concat(signatures)) without its pure-JS cost per voter).
          signaturesDigest: keccak256Hex(Buffer.concat(votes.map((v) => Buffer.from(v.signature.slice(2), 'hex')))),
          votes: votes.slice(0, 200).map((v) => ({
            voter: v.voter,
            support: SUPPORT_NAMES[v.support],
            weight: v.weight.toString(),
            timestamp: v.timestamp,
          })),
        },
      })),
    )
    // Refused votes carry no signature that counts: the workspace user's import refused them.
    for (const proposalId of new Set(result.toStore.map((v) => v.proposalId))) {
      const refused = refusedOf(proposalId)
      if (refused.length)
        ctx.mutate(
          {
            actor: WORKSPACE_USER,
            action: 'governance.votes.refused',
            subject: `governance-proposal:${proposalId}`,
            payload: { refused },
          },
          () => undefined,
        )
    }
  })()
  return summary
}

/**
 * A page of a proposal's votes, in the order the page lists them, read from the index that keeps that order: after a
 * place (keyset: the page's own rows at any depth) or at an offset. One vote more than asked is read to know whether
 * a next page exists.
 */
export function votesPage(ctx: CoreContext, { id, offset, limit, voters, after }: ParsedInput<'governance.votes'>) {
  const env = envOf(ctx)
  const p = proposalOf(env, id)
  if (voters) {
    const some = votesOfVoters(env.db, p.id, [...new Set(voters)], offset, limit)
    return { votes: some.votes.map(voteView), offset, total: some.total, next: null }
  }
  const read = after
    ? votePageAfter(env.db, p.id, placeOf(after), limit + 1)
    : votePage(env.db, p.id, offset, limit + 1)
  const votes = read.slice(0, limit)
  return {
    votes: votes.map(voteView),
    offset: after ? null : offset,
    total: voteCount(env.db, p.id),
    next: read.length > limit ? placeText(votes[votes.length - 1]) : null,
  }
}

export function exportVotes(ctx: CoreContext, id: string) {
  const env = envOf(ctx)
  const p = proposalOf(env, id)
  const domain = governanceDomain(env.chain.chainId, env.token.address)
  const votes = allVotes(env.db, p.id)
  if (votes.length === 0) throw new ApiError('NOT_FOUND', 'This proposal has no votes yet.')
  const files = votes.map((v) =>
    voteFile(
      domain,
      { proposalId: v.proposalId, support: v.support, voter: v.voter, timestamp: v.timestamp, reason: v.reason },
      v.signature,
    ),
  )
  return { fileName: `votes-${p.id.slice(2, 10)}.json`, text: JSON.stringify(voteBundle(files), null, 2) }
}

export async function queueProposal(ctx: CoreContext, id: string) {
  const env = envOf(ctx)
  const { p, e, clock } = await evaluated(env, id, true)
  if (e.state !== 'Succeeded')
    throw new ApiError('CONFLICT', `Only a Succeeded proposal can be queued; this one is ${e.state}.`)
  if (e.openDisputes.length)
    throw new ApiError(
      'CONFLICT',
      `Open dispute #${e.openDisputes[0].id} blocks queueing until the council resolves it.`,
    )
  const eta = clock.timestamp + p.rules.timelockSeconds
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'governance.proposal.queued',
      subject: `governance-proposal:${p.id}`,
      payload: { queuedAt: clock.timestamp, eta, block: clock.block, tally: summaryOf(p, e).tally },
    },
    () => setQueued(env.db, p.id, clock.timestamp, eta),
  )
  return detail(env, p.id)
}

export async function actionRequest(ctx: CoreContext, input: ParsedInput<'governance.actionRequest'>) {
  const env = envOf(ctx)
  const subject = proposalOf(env, input.id).id
  const message: ActionMessage = { action: ACTION_NAMES[input.action], subject, signer: input.by, note: input.note }
  return {
    typedData: typedRequest(actionTypedData(governanceDomain(env.chain.chainId, env.token.address), message)),
  }
}

export async function cancelProposal(
  services: GovernanceDeps,
  { id, by, note, signature }: ParsedInput<'governance.cancel'>,
) {
  const env = envOf(services.ctx)
  const { p, e } = await evaluated(env, id)
  if (e.state !== 'Pending' && e.state !== 'Active')
    throw new ApiError('CONFLICT', `A proposal can be canceled only before voting ends; this one is ${e.state}.`)
  requireCouncilOrProposer(by, [p.proposer, ...(await councilMembersNow(env.db, env.chain))], 'cancel this proposal')
  const sig = await authorize(services, env, { action: 'cancel-proposal', subject: p.id, signer: by, note }, signature)
  services.ctx.mutate(
    {
      actor: by,
      action: 'governance.proposal.canceled',
      subject: `governance-proposal:${p.id}`,
      payload: { by, note, signature: sig },
    },
    () => setCanceled(env.db, p.id, { at: new Date().toISOString(), by, note, signature: sig }),
  )
  return detail(env, p.id)
}

export async function markImplemented(
  services: GovernanceDeps,
  { id, by, note, signature }: ParsedInput<'governance.markImplemented'>,
) {
  const env = envOf(services.ctx)
  const { p, e, clock } = await evaluated(env, id, true)
  if (p.kind === 'treasury_spending')
    throw new ApiError('CONFLICT', 'A spending proposal is executed by its Safe transaction, not by a record.')
  if (e.state !== 'Queued' || p.eta === null || clock.timestamp < p.eta)
    throw new ApiError(
      'CONFLICT',
      `Only a queued proposal past its timelock can be recorded as implemented; it is ${e.state}.`,
    )
  if (e.openDisputes.length)
    throw new ApiError('CONFLICT', `Open dispute #${e.openDisputes[0].id} blocks it until the council resolves it.`)
  requireCouncilOrProposer(by, await councilMembersNow(env.db, env.chain), 'record an implementation')
  const sig = await authorize(
    services,
    env,
    { action: 'record-implemented', subject: p.id, signer: by, note },
    signature,
  )
  services.ctx.mutate(
    {
      actor: by,
      action: 'governance.proposal.implemented',
      subject: `governance-proposal:${p.id}`,
      payload: { by, note, signature: sig },
    },
    () => setImplemented(env.db, p.id, { at: new Date().toISOString(), by, note, signature: sig }),
  )
  return detail(env, p.id)
}

export async function spendingDraft(ctx: CoreContext, id: string) {
  const env = envOf(ctx)
  const { p, e, clock } = await evaluated(env, id, true)
  if (p.kind !== 'treasury_spending' || !p.spending)
    throw new ApiError('CONFLICT', 'Only a treasury-spending proposal drafts a Safe proposal.')
  if (!e.draftReady) return { ready: false, reason: e.draftReason, draft: null, safeTx: null, safeTxHash: null }
  const draft = spendingDraftFor(p, e.state, clock, e.openDisputes.length)
  try {
    const kit = await connectSafe(env.chain, draft.safe)
    const safeTx = spendingSafeTx(draft, Number(await kit.getNonce()), kit.getMultiSendCallOnlyAddress())
    return { ready: true, reason: null, draft, safeTx, safeTxHash: safeTxHash(env.chain.chainId, draft.safe, safeTx) }
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The Safe ${draft.safe} could not be read: ${firstLine(error)}`)
  }
}

export async function linkSafeTx(
  ctx: CoreContext,
  { id, safeTx, safeProposalId }: ParsedInput<'governance.linkSafeTx'>,
) {
  const env = envOf(ctx)
  const { p, e } = await evaluated(env, id, true)
  if (p.kind !== 'treasury_spending' || !p.spending)
    throw new ApiError('CONFLICT', 'Only a treasury-spending proposal links a Safe transaction.')
  if (!e.draftReady) throw new ApiError('CONFLICT', `Its Safe transaction cannot be linked: ${e.draftReason}.`)
  let nonce: number
  let batchers: { multiSend: string; multiSendCallOnly: string }
  try {
    const kit = await connectSafe(env.chain, p.spending.safe)
    nonce = Number(await kit.getNonce())
    batchers = { multiSend: kit.getMultiSendAddress(), multiSendCallOnly: kit.getMultiSendCallOnlyAddress() }
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The Safe ${p.spending.safe} could not be read: ${firstLine(error)}`)
  }
  const match = matchesSpending(safeTx, spendingCalls(p), batchers)
  if (!match.ok) throw new ApiError('BAD_INPUT', `That Safe transaction was refused: ${match.reason}.`)
  if (Number(safeTx.nonce) < nonce)
    throw new ApiError('CONFLICT', `Nonce ${safeTx.nonce} is already used by the Safe (next is ${nonce}).`)
  const hash = safeTxHash(env.chain.chainId, p.spending.safe, safeTx)
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'governance.proposal.safe-linked',
      subject: `governance-proposal:${p.id}`,
      payload: {
        safe: p.spending.safe,
        safeTxHash: hash,
        nonce: Number(safeTx.nonce),
        safeProposalId: safeProposalId ?? null,
      },
    },
    () =>
      setSafeLink(env.db, p.id, {
        safeProposalId: safeProposalId ?? null,
        safeTxHash: hash,
        nonce: Number(safeTx.nonce),
        safeTx,
      }),
  )
  return detail(env, p.id)
}

export function delegation(ctx: CoreContext, account: string) {
  return delegationInfo(envOf(ctx), account)
}

export async function delegate(services: GovernanceDeps, { from, to }: ParsedInput<'governance.delegate'>) {
  const env = envOf(services.ctx)
  const wallet = keyFor(services, from)
  let txHash: string
  try {
    txHash = await delegateByTransaction(env.chain.rpcUrl, env.chain.chainId, env.token.address, wallet, to)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The delegation transaction failed: ${firstLine(error)}`)
  }
  services.ctx.mutate(
    {
      actor: from,
      action: 'governance.delegated',
      subject: `account:${from}`,
      payload: { from, to, txHash, via: 'transaction' },
    },
    () => undefined,
  )
  return { txHash, delegation: await delegationInfo(env, from) }
}

export async function delegationRequest(
  ctx: CoreContext,
  { delegator, delegatee, expiry }: ParsedInput<'governance.delegationRequest'>,
) {
  const env = envOf(ctx)
  try {
    const [domain, info, { clock }] = await Promise.all([
      readTokenDomain(env.chain.rpcUrl, env.chain.chainId, env.token.address),
      readDelegation(env.chain.rpcUrl, env.chain.chainId, env.token.address, delegator),
      clockOf(env, true),
    ])
    return {
      typedData: typedRequest({
        types: { EIP712Domain: EIP712_DOMAIN_TYPE, ...DELEGATION_TYPES },
        primaryType: 'Delegation',
        domain,
        message: {
          delegatee,
          nonce: info.nonce.toString(),
          expiry: String(expiry ?? clock.timestamp + 7 * 86_400),
        },
      }),
    }
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('CHAIN_ERROR', `The token could not be read: ${firstLine(error)}`)
  }
}

export async function submitDelegation(services: GovernanceDeps, input: ParsedInput<'governance.submitDelegation'>) {
  const env = envOf(services.ctx)
  const { clock } = await clockOf(env, true)
  let domain, current
  try {
    domain = await readTokenDomain(env.chain.rpcUrl, env.chain.chainId, env.token.address)
    current = await readDelegation(env.chain.rpcUrl, env.chain.chainId, env.token.address, input.delegator)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The token could not be read: ${firstLine(error)}`)
  }
  const message = { delegatee: input.delegatee, nonce: input.nonce, expiry: input.expiry }
  let signer: string
  try {
    signer = recoverDelegator(domain, message, input.signature)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The delegation signature is malformed: ${firstLine(error)}`)
  }
  if (signer !== input.delegator)
    throw new ApiError('BAD_INPUT', `The delegation was signed by ${signer}, not by ${input.delegator}.`)
  if (BigInt(input.nonce) !== current.nonce)
    throw new ApiError(
      'CONFLICT',
      `Nonce ${input.nonce} is not the delegator's next (${current.nonce}); sign a new one.`,
    )
  if (BigInt(input.expiry) <= BigInt(clock.timestamp))
    throw new ApiError('BAD_INPUT', 'The signed delegation has expired; sign a new one.')
  const relayer = keyFor(services, input.relayer)
  let txHash: string
  try {
    txHash = await submitDelegateBySig(
      env.chain.rpcUrl,
      env.chain.chainId,
      env.token.address,
      relayer,
      message,
      input.signature,
    )
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `delegateBySig failed: ${firstLine(error)}`)
  }
  services.ctx.mutate(
    {
      // The delegator's signature carries the act; the relayer only paid for it.
      actor: input.delegator,
      action: 'governance.delegated',
      subject: `account:${input.delegator}`,
      payload: { from: input.delegator, to: input.delegatee, txHash, via: 'delegateBySig', relayer: input.relayer },
    },
    () => undefined,
  )
  return { txHash, delegation: await delegationInfo(env, input.delegator) }
}

export function disputes(ctx: CoreContext, filter: ParsedInput<'governance.disputes'>) {
  return listDisputes(ctx.db, filter).map(disputeView)
}

export async function raiseDispute(ctx: CoreContext, input: ParsedInput<'governance.raiseDispute'>) {
  let subjectRef = input.subjectRef
  if (input.subjectKind === 'governance_proposal') {
    const env = envOf(ctx)
    subjectRef = proposalOf(env, subjectRef.toLowerCase()).id
  }
  const d = ctx.mutate(
    (created: ReturnType<typeof insertDispute>) => ({
      // `raisedBy` is a name typed in, not a signature.
      actor: WORKSPACE_USER,
      action: 'dispute.raised',
      subject: `dispute:${created.id}`,
      payload: {
        uid: created.uid,
        subjectKind: created.subjectKind,
        subjectRef,
        raisedBy: input.raisedBy,
        reason: input.reason,
      },
    }),
    () =>
      insertDispute(ctx.db, {
        subjectKind: input.subjectKind,
        subjectRef,
        raisedBy: input.raisedBy,
        reason: input.reason,
        raisedAt: new Date().toISOString(),
      }),
  )
  return disputeView(d)
}

/**
 * The effect of a signed dispute-resolution council act (core/council checked the members' signatures): the dispute
 * is resolved, and an upheld dispute stops the governance proposal it names unless it was already carried out.
 * Call inside the act's transaction.
 */
export function resolveDisputeByCouncil(
  ctx: CoreContext,
  r: { disputeId: number; outcome: 'upheld' | 'dismissed'; decision: string },
  act: { id: number; signers: string[] },
) {
  const d = checkDisputeOpen(ctx, r.disputeId)
  let cancel: ProposalRecord | null = null
  if (r.outcome === 'upheld' && d.subjectKind === 'governance_proposal') {
    const p = getProposal(ctx.db, d.subjectRef)
    if (p && !p.canceled && !p.implemented && !p.execution) cancel = p
  }
  const at = new Date().toISOString()
  const by = act.signers.join(', ')
  const signature = `council-act:${act.id}`
  ctx.mutate(
    {
      actor: by,
      action: 'dispute.resolved',
      subject: `dispute:${d.id}`,
      payload: {
        uid: d.uid,
        outcome: r.outcome,
        decision: r.decision,
        by: act.signers,
        councilAct: act.id,
        canceledProposal: cancel?.id ?? null,
      },
    },
    () => {
      resolveDispute(ctx.db, d.id, { outcome: r.outcome, decision: r.decision, by, at, signature })
      if (cancel) setCanceled(ctx.db, cancel.id, { at, by, note: `Dispute #${d.id} upheld: ${r.decision}`, signature })
    },
  )
  return { disputeId: d.id, canceledProposal: cancel?.id ?? null }
}

/** The dispute, when it exists and is still open; else refused by name. */
export function checkDisputeOpen(ctx: CoreContext, id: number) {
  const d = getDispute(ctx.db, id)
  if (!d) throw new ApiError('NOT_FOUND', `Dispute #${id} does not exist.`)
  if (d.status !== 'open') throw new ApiError('CONFLICT', `Dispute #${id} was already resolved (${d.status}).`)
  return d
}

export async function participation(ctx: CoreContext) {
  const env = envOf(ctx)
  const { clock, info } = await clockOf(env)
  try {
    return await participationReport(env, clock, info.stale)
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `Participation could not be computed: ${firstLine(error)}`)
  }
}

function* mapValues<K, V, R>(map: Map<K, V>, f: (value: V) => R): Generator<R> {
  for (const value of map.values()) yield f(value)
}
