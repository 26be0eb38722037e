// The workspace's side of on-chain governance: Governors it follows, their proposals read from the chain, and each
// step of the lifecycle sent from a key of the key store and audited in the name of that key.
import {
  AbiCoder,
  Contract,
  Signature,
  ZeroAddress,
  ZeroHash,
  getAddress,
  keccak256,
  type JsonRpcProvider,
  type TransactionReceipt,
  type Wallet,
} from 'ethers'
import type { CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { rpcProvider } from '../chain/rpc'
import { chainContracts } from '../chain/deployments'
import { listTokens } from '../tokens/registry'
import { nativeCurrency } from '../tokens/native'
import { firstLine } from '../first-line'
import { buildCall, outflowsOf, type BuildContext } from '../proposals/build'
import { ProposalBuildError } from '../proposals/args'
import { createProposalFromInput } from '../proposals/service'
import { decodeRevert } from '../proposals/chain'
import type { DecodeEnv } from '../signing/decode'
import { ApiError } from '../../../shared/errors'
import {
  GOVERNOR_SUPPORT_NAMES as SUPPORT_NAMES,
  type BallotFile,
  type BallotKind,
  type GovernorProposalView,
  type GovernorSupport,
  type GovernorTxResult,
  type GovernorView,
  type GovernorVoteView,
} from '../../../shared/contract/governor'
import type { ProposalAction, ProposalPartInput } from '../../../shared/contract/proposals'
import { CAST_VOTE_BY_SIG, SUPPORT, governorIface, moduleIface, safeModuleIface, timelockIface } from './abi'
import { checkContractVoter, readBallotKind, readBallotNonce, signBallot, verifyBallot } from './ballot'
import { describeAction, nextStep, timeLeft } from './describe'
import {
  descriptionHash,
  hashProposal,
  splitActions,
  unwrapSafeModule,
  viaSafeModule,
  type GovernorAction,
} from './proposal-id'
import { readClock, readGovernorSettings, readProposalState, readProposalsCreated, readVotes } from './read'
import {
  getGovernor,
  insertGovernorProposal,
  listGovernors,
  markBatchProposedOnGovernor,
  upsertGovernor,
  type GovernorRecord,
} from './store'
import { batchItems, getBatch } from '../disbursements/store'
import { moduleExecutionsIn, recordExecution, releaseBatches, syncExecutions } from './executions'

async function withProvider<T>(chain: ChainRecord, work: (p: JsonRpcProvider) => Promise<T>): Promise<T> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    return await work(provider)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('CHAIN_ERROR', chainError(error))
  } finally {
    provider.destroy()
  }
}

/** A revert's reason when the node gave one (ethers puts the revert data on the error), else the first line. */
function chainError(error: unknown): string {
  const data = (error as { data?: string; info?: { error?: { data?: string } } })?.data
  return data ? decodeRevert(data) : firstLine(error)
}

export function requireGovernor(ctx: CoreContext, chainId: number, address: string): GovernorRecord {
  const g = getGovernor(ctx.db, chainId, getAddress(address))
  if (!g) throw new ApiError('NOT_FOUND', `Governor ${address} is not connected in this workspace: connect it first.`)
  return g
}

const governorSubject = (g: Pick<GovernorRecord, 'chainId' | 'address'>) => `governor:${g.chainId}:${g.address}`

export async function governorView(chain: ChainRecord, g: GovernorRecord): Promise<GovernorView> {
  const settings = await withProvider(chain, async (provider) => {
    const s = await readGovernorSettings(provider, g.address)
    const moduleEnabled =
      g.safe && g.module
        ? ((await new Contract(g.safe, safeModuleIface, provider).isModuleEnabled(g.module)) as boolean)
        : null
    const ballotKind = await readBallotKind(provider, g.address).catch(() => null)
    return {
      votingDelay: s.votingDelay.toString(),
      votingPeriod: s.votingPeriod.toString(),
      proposalThreshold: s.proposalThreshold.toString(),
      quorumNumerator: s.quorumNumerator?.toString() ?? null,
      quorumDenominator: s.quorumDenominator?.toString() ?? null,
      clockMode: s.clockMode,
      clockUnit: s.clockIsTimestamp ? ('seconds' as const) : ('blocks' as const),
      timelockDelaySeconds: s.timelockDelay.toString(),
      moduleEnabled,
      ballotKind,
    }
  }).catch(() => null)
  return { ...g, settings }
}

export async function listGovernorViews(ctx: CoreContext, chain: ChainRecord): Promise<GovernorView[]> {
  return Promise.all(listGovernors(ctx.db, chain.chainId).map((g) => governorView(chain, g)))
}

/**
 * Connects a Governor by address: its settings are read from the chain; a module, when given, must be owned by the
 * Governor's timelock and act for the given Safe, so proposals built for the Safe really execute on it.
 */
export async function connectGovernor(
  ctx: CoreContext,
  chain: ChainRecord,
  input: { address: string; safe?: string; module?: string; fromBlock?: number },
  actor: string,
): Promise<GovernorView> {
  if ((input.safe === undefined) !== (input.module === undefined))
    throw new ApiError('BAD_INPUT', 'give both the Safe and the module it enabled for the Governor, or neither')
  const record = await withProvider(chain, async (provider) => {
    const code = await provider.getCode(input.address)
    if (code === '0x') throw new ApiError('BAD_INPUT', `${input.address} holds no contract on chain ${chain.chainId}`)
    let s
    try {
      s = await readGovernorSettings(provider, input.address)
    } catch (error) {
      throw new ApiError(
        'BAD_INPUT',
        `${input.address} does not answer as an OpenZeppelin Governor: ${firstLine(error)}`,
      )
    }
    if (input.module && input.safe) {
      const m = new Contract(input.module, moduleIface, provider)
      const [safe, owner] = (await Promise.all([m.safe(), m.owner()]).catch(() => {
        throw new ApiError('BAD_INPUT', `${input.module} does not answer as a Governor Safe module`)
      })) as [string, string]
      if (getAddress(safe) !== input.safe)
        throw new ApiError('BAD_INPUT', `the module acts for ${getAddress(safe)}, not for the Safe ${input.safe}`)
      if (getAddress(owner) !== s.timelock)
        throw new ApiError(
          'BAD_INPUT',
          `the module obeys ${getAddress(owner)}, not the Governor's timelock ${s.timelock}`,
        )
    }
    return {
      chainId: chain.chainId,
      address: s.address,
      name: s.name,
      version: s.version,
      token: s.token,
      timelock: s.timelock,
      safe: input.safe ?? null,
      module: input.module ?? null,
      fromBlock: input.fromBlock ?? 0,
      addedAt: new Date().toISOString(),
    }
  })
  const stored = ctx.mutate(
    (g: GovernorRecord) => ({
      actor,
      action: 'governor.connected',
      subject: governorSubject(g),
      payload: {
        name: g.name,
        token: g.token,
        timelock: g.timelock,
        safe: g.safe,
        module: g.module,
        fromBlock: g.fromBlock,
      },
    }),
    () => upsertGovernor(ctx.db, record),
  )
  return governorView(chain, stored)
}

function decodeEnv(ctx: CoreContext, chain: ChainRecord, safe: string): DecodeEnv {
  const native = nativeCurrency(ctx.db, chain.chainId)
  let multiSend = new Set<string>()
  try {
    const c = chainContracts(chain)
    multiSend = new Set([c.multiSendAddress.toLowerCase(), c.multiSendCallOnlyAddress.toLowerCase()])
  } catch {
    // Unknown Safe contracts: a batch is shown as an unknown call, which is what it is here.
  }
  return {
    chainId: chain.chainId,
    safe,
    tokens: new Map(
      listTokens(ctx.db, chain.chainId).map((t) => [
        t.address.toLowerCase(),
        { address: t.address, symbol: t.symbol, decimals: t.decimals, known: true },
      ]),
    ),
    multiSend,
    nativeSymbol: native.symbol,
    nativeDecimals: native.decimals,
  }
}

/**
 * What the Safe pays when the proposal executes: its module calls read as Safe proposal actions (a plain transfer
 * of the native coin, or a call whose data may be an ERC-20 transfer), totalled as proposals' outflows are.
 */
export function safeOutflowsOf(ctx: CoreContext, chain: ChainRecord, g: GovernorRecord, actions: GovernorAction[]) {
  if (!g.safe || !g.module) return []
  const calls: ProposalAction[] = actions.flatMap((a) => {
    const inner = unwrapSafeModule(g.module, a)
    if (!inner) return []
    return [
      {
        type: 'contract_call',
        to: inner.to,
        value: inner.value.toString(),
        data: inner.data,
        method: null,
        args: null,
      },
    ]
  })
  const tokens = new Map(
    listTokens(ctx.db, chain.chainId).map((t) => [t.address, { symbol: t.symbol, decimals: t.decimals }]),
  )
  return outflowsOf(calls, { safe: g.safe, native: nativeCurrency(ctx.db, chain.chainId), tokens })
}

interface LoggedProposal {
  proposalId: bigint
  proposer: string
  actions: GovernorAction[]
  description: string
  blockNumber: number
  transactionHash: string
}

async function loggedProposals(chain: ChainRecord, g: GovernorRecord, provider: JsonRpcProvider) {
  const latest = await provider.getBlockNumber()
  return readProposalsCreated(chain.rpcUrl, g.address, g.fromBlock, latest)
}

async function findProposal(chain: ChainRecord, g: GovernorRecord, provider: JsonRpcProvider, proposalId: bigint) {
  const found = (await loggedProposals(chain, g, provider)).find((p) => p.proposalId === proposalId)
  if (!found) throw new ApiError('NOT_FOUND', `Proposal ${proposalId} was not created by Governor ${g.address}.`)
  return found
}

export async function listGovernorProposals(
  ctx: CoreContext,
  chain: ChainRecord,
  governor: string,
): Promise<GovernorProposalView[]> {
  const g = requireGovernor(ctx, chain.chainId, governor)
  const env = g.safe ? decodeEnv(ctx, chain, g.safe) : null
  return withProvider(chain, async (provider) => {
    const [logged, now, settings] = await Promise.all([
      loggedProposals(chain, g, provider),
      readClock(provider, g.address),
      readGovernorSettings(provider, g.address),
    ])
    const unit = settings.clockIsTimestamp ? ('seconds' as const) : ('blocks' as const)
    const views = await Promise.all(
      logged.map(async (p) => {
        const s = await readProposalState(provider, g.address, p.proposalId)
        return proposalView(chain, g, p, s, now, unit, env)
      }),
    )
    if (views.some((v) => v.state === 'Executed')) await syncFromLogs(ctx, chain, g, provider, logged)
    releaseBatches(ctx, g, views)
    return views.reverse()
  })
}

function syncFromLogs(
  ctx: CoreContext,
  chain: ChainRecord,
  g: GovernorRecord,
  provider: JsonRpcProvider,
  logged: LoggedProposal[],
) {
  return syncExecutions(ctx, chain, g, provider, (id) => {
    const p = logged.find((x) => x.proposalId === id)
    return p ? { title: titleOf(p.description), outflows: safeOutflowsOf(ctx, chain, g, p.actions) } : null
  })
}

/** Records executions sent outside the app for every Governor that drives a Safe; unreachable chains are skipped. */
export async function syncAllExecutions(ctx: CoreContext, chain: ChainRecord): Promise<void> {
  for (const g of listGovernors(ctx.db, chain.chainId).filter((x) => x.safe && x.module)) {
    await withProvider(chain, async (provider) =>
      syncFromLogs(ctx, chain, g, provider, await loggedProposals(chain, g, provider)),
    ).catch(() => undefined)
  }
}

function proposalView(
  chain: ChainRecord,
  g: GovernorRecord,
  p: LoggedProposal,
  s: Awaited<ReturnType<typeof readProposalState>>,
  now: { clock: bigint; timestamp: bigint },
  unit: 'blocks' | 'seconds',
  env: DecodeEnv | null,
): GovernorProposalView {
  return {
    chainId: chain.chainId,
    governor: g.address,
    proposalId: p.proposalId.toString(),
    proposer: p.proposer,
    description: p.description,
    title: p.description
      .split('\n')[0]
      .replace(/^#+\s*/, '')
      .slice(0, 200),
    state: s.state,
    actions: p.actions.map((a) => describeAction(a, g.module, env)),
    votes: { for: s.votes.for.toString(), against: s.votes.against.toString(), abstain: s.votes.abstain.toString() },
    quorum: s.quorum.toString(),
    snapshot: s.snapshot.toString(),
    deadline: s.deadline.toString(),
    eta: s.eta.toString(),
    timeLeft: timeLeft(s.state, s, now, unit),
    next: nextStep(s.state, s, now),
    createdBlock: p.blockNumber,
    createdTx: p.transactionHash,
  }
}

const titleOf = (description: string) =>
  description
    .split('\n')[0]
    .replace(/^#+\s*/, '')
    .slice(0, 200)

export async function listGovernorVotes(
  ctx: CoreContext,
  chain: ChainRecord,
  governor: string,
  proposalId: bigint,
): Promise<GovernorVoteView[]> {
  const g = requireGovernor(ctx, chain.chainId, governor)
  return withProvider(chain, async (provider) => {
    const latest = await provider.getBlockNumber()
    const votes = await readVotes(chain.rpcUrl, g.address, g.fromBlock, latest)
    return votes
      .filter((v) => v.proposalId === proposalId)
      .map((v) => ({
        proposalId: v.proposalId.toString(),
        voter: v.voter,
        support: SUPPORT_NAMES[v.support] ?? 'abstain',
        weight: v.weight.toString(),
        reason: v.reason,
        blockNumber: v.blockNumber,
        transactionHash: v.transactionHash,
      }))
  })
}

/**
 * The proposal's actions from the same builders as a Safe proposal. With a module, every call is made by the Safe
 * (the module's exec); without one, the timelock itself makes the calls.
 */
export async function governorActionsFor(
  ctx: CoreContext,
  chain: ChainRecord,
  g: GovernorRecord,
  parts: ProposalPartInput[],
): Promise<GovernorAction[]> {
  let contracts = { multiSendAddress: ZeroAddress, multiSendCallOnlyAddress: ZeroAddress }
  try {
    contracts = chainContracts(chain)
  } catch {
    // Batches are not built here (each part is its own action), so MultiSend is not needed.
  }
  const bctx: BuildContext = {
    chainId: chain.chainId,
    safe: g.safe ?? g.timelock,
    multiSend: contracts.multiSendAddress,
    multiSendCallOnly: contracts.multiSendCallOnlyAddress,
    tokens: new Map(
      listTokens(ctx.db, chain.chainId).map((t) => [t.address, { symbol: t.symbol, decimals: t.decimals }]),
    ),
    owners: [],
    threshold: 1,
    native: nativeCurrency(ctx.db, chain.chainId),
  }
  try {
    return parts.map((part, i) => {
      const c = buildCall(part, bctx, `parts[${i}]`)
      const call = { to: c.to, value: c.value, data: c.data }
      return g.module ? viaSafeModule(g.module, call) : { target: getAddress(c.to), value: c.value, calldata: c.data }
    })
  } catch (error) {
    if (error instanceof ProposalBuildError) throw new ApiError('BAD_INPUT', error.message, { path: error.path })
    throw error
  }
}

/** Sends one Governor call from `wallet`, waits for it, audits it in the wallet's name, answers the new state. */
async function send(
  ctx: CoreContext,
  chain: ChainRecord,
  g: GovernorRecord,
  wallet: Wallet,
  step: {
    action: string
    method: string
    args: unknown[]
    proposalId: bigint
    payload?: Record<string, unknown>
    /** Checks the receipt before anything is stored (throwing stores nothing). */
    check?: (receipt: TransactionReceipt, at: string) => Record<string, unknown> | void
    /** Runs in the same SQLite transaction as the audit event. */
    inTx?: (receipt: TransactionReceipt, at: string) => void
  },
): Promise<GovernorTxResult> {
  return withProvider(chain, async (provider) => {
    const signer = wallet.connect(provider)
    const contract = new Contract(g.address, governorIface, signer)
    let receipt
    try {
      const tx = await contract.getFunction(step.method).send(...step.args)
      receipt = await tx.wait()
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `${step.method} was refused: ${chainError(error)}`)
    }
    if (!receipt || receipt.status !== 1) throw new ApiError('CHAIN_ERROR', `${step.method} reverted`)
    const state = (await readProposalState(provider, g.address, step.proposalId)).state
    const block = await provider.getBlock(receipt.blockNumber)
    const at = new Date(Number(block?.timestamp ?? 0) * 1000).toISOString()
    const checked = step.check?.(receipt, at) ?? {}
    const result = {
      transactionHash: receipt.hash,
      blockNumber: receipt.blockNumber,
      proposalId: step.proposalId.toString(),
      state,
    }
    ctx.mutate(
      {
        actor: wallet.address,
        action: step.action,
        subject: `${governorSubject(g)}:proposal:${step.proposalId}`,
        payload: {
          ...step.payload,
          ...checked,
          transactionHash: receipt.hash,
          blockNumber: receipt.blockNumber,
          state,
        },
      },
      () => step.inTx?.(receipt, at),
    )
    return result
  })
}

export async function proposeOnGovernor(
  ctx: CoreContext,
  chain: ChainRecord,
  wallet: Wallet,
  input: {
    governor: string
    description: string
    parts?: ProposalPartInput[]
    budgetLineId?: number
    disbursementBatchId?: number
  },
): Promise<GovernorTxResult> {
  const g = requireGovernor(ctx, chain.chainId, input.governor)
  const batchId = input.disbursementBatchId ?? null
  const parts = batchId !== null ? batchParts(ctx, chain, g, batchId) : (input.parts ?? [])
  if (parts.length === 0)
    throw new ApiError('BAD_INPUT', 'a proposal needs at least one action, or a disbursement batch')
  if (batchId !== null && input.budgetLineId !== undefined)
    throw new ApiError('BAD_INPUT', "a disbursement batch is charged to its items' budget lines already")
  const actions = await governorActionsFor(ctx, chain, g, parts)
  const { targets, values, calldatas } = splitActions(actions)
  const proposalId = hashProposal(actions, input.description)
  const outflows = safeOutflowsOf(ctx, chain, g, actions)
  const budgetLineId = input.budgetLineId ?? null
  if (budgetLineId !== null) {
    if (!g.safe) throw new ApiError('BAD_INPUT', 'only a proposal the Safe pays can be charged to a budget line')
    const line = ctx.db
      .prepare('SELECT id FROM budget_lines WHERE id = ? AND chain_id = ?')
      .get(budgetLineId, chain.chainId)
    if (!line) throw new ApiError('NOT_FOUND', `budget line ${budgetLineId} is not on chain ${chain.chainId}`)
  }
  return send(ctx, chain, g, wallet, {
    action: 'governor.proposed',
    method: 'propose',
    args: [targets, values, calldatas, input.description],
    proposalId,
    payload: {
      description: input.description,
      actions: actions.length,
      safe: g.safe,
      outflows,
      budgetLineId,
      disbursementBatchId: batchId,
    },
    inTx: () => {
      insertGovernorProposal(ctx.db, {
        chainId: chain.chainId,
        governor: g.address,
        proposalId: proposalId.toString(),
        safe: g.safe,
        title: titleOf(input.description),
        outflows,
        budgetLineId,
        disbursementBatchId: batchId,
      })
      if (batchId !== null) markBatchProposedOnGovernor(ctx.db, batchId)
    },
  })
}

/** A draft batch of the Governor's Safe as builder parts: one transfer per item, from the Safe. */
function batchParts(ctx: CoreContext, chain: ChainRecord, g: GovernorRecord, batchId: number): ProposalPartInput[] {
  let batch
  try {
    batch = getBatch(ctx.db, batchId)
  } catch {
    throw new ApiError('NOT_FOUND', `disbursement batch ${batchId} does not exist`)
  }
  if (batch.status !== 'draft')
    throw new ApiError('CONFLICT', `disbursement batch ${batchId} is ${batch.status}, not a draft`)
  if (batch.chainId !== chain.chainId || !g.safe || getAddress(batch.safeAddress) !== g.safe)
    throw new ApiError('BAD_INPUT', `disbursement batch ${batchId} pays from another Safe than the Governor's`)
  if (batch.plan.overBudget && !batch.override)
    throw new ApiError('CONFLICT', `disbursement batch ${batchId} is over budget and has no council override`)
  return batchItems(ctx.db, batchId).map((i) =>
    i.token === 'native'
      ? { type: 'eth_transfer' as const, to: i.receiver, amount: i.amount }
      : { type: 'erc20_transfer' as const, token: i.token, to: i.receiver, amount: i.amount },
  )
}

export async function voteOnGovernor(
  ctx: CoreContext,
  chain: ChainRecord,
  wallet: Wallet,
  input: { governor: string; proposalId: bigint; support: GovernorSupport; reason: string },
) {
  const g = requireGovernor(ctx, chain.chainId, input.governor)
  return send(ctx, chain, g, wallet, {
    action: 'governor.voted',
    method: 'castVoteWithReason',
    args: [input.proposalId, SUPPORT[input.support], input.reason],
    proposalId: input.proposalId,
    payload: { support: input.support, reason: input.reason },
  })
}

/**
 * Signs with a local key. The Governor's name and version were stored when it was connected; its ballot kind and,
 * for 5.x, the voter's nonce are read from the chain unless given (given both, it signs offline).
 */
export async function signGovernorBallot(
  ctx: CoreContext,
  chain: ChainRecord,
  wallet: Wallet,
  input: {
    governor: string
    proposalId: bigint
    support: GovernorSupport
    ballotKind?: BallotKind
    nonce?: bigint
    onBehalfOf?: string
  },
): Promise<BallotFile> {
  const g = requireGovernor(ctx, chain.chainId, input.governor)
  const needsChain = input.ballotKind === undefined || (input.ballotKind === 'oz5' && input.nonce === undefined)
  const onChain = needsChain
    ? await withProvider(chain, async (p) => {
        const kind = input.ballotKind ?? (await readBallotKind(p, g.address))
        const voter = input.onBehalfOf ?? wallet.address
        const nonce = kind === 'oz5' ? (input.nonce ?? (await readBallotNonce(p, g.address, voter))) : null
        return { kind, nonce }
      })
    : { kind: input.ballotKind!, nonce: input.nonce ?? null }
  if (onChain.kind === 'oz4' && (input.nonce !== undefined || input.onBehalfOf !== undefined))
    throw new ApiError('BAD_INPUT', `Governor ${g.address} takes 4.x ballots, which carry no nonce and no other voter`)
  const common = { proposalId: input.proposalId, support: SUPPORT[input.support] }
  return signBallot(
    wallet,
    { chainId: chain.chainId, governor: g.address, name: g.name, version: g.version },
    onChain.kind === 'oz4'
      ? { ...common, kind: 'oz4' }
      : { ...common, kind: 'oz5', nonce: onChain.nonce!, onBehalfOf: input.onBehalfOf },
  )
}

const vrs = (signature: string) => {
  const sig = Signature.from(signature)
  return [sig.v, sig.r, sig.s] as const
}

const KIND_NAMES: Record<BallotKind, string> = { oz4: 'OpenZeppelin 4.x', oz5: 'OpenZeppelin 5.x' }

/**
 * Checks a ballot against its fields and against the chain before anything is sent: the Governor must take this
 * kind of ballot, a 5.x ballot's nonce must be the voter's current one (a used nonce means the ballot was relayed
 * already or superseded), and the voter must not have voted.
 */
export async function relayGovernorBallot(ctx: CoreContext, chain: ChainRecord, relayer: Wallet, ballot: BallotFile) {
  if (ballot.chainId !== chain.chainId)
    throw new ApiError('BAD_INPUT', `the ballot is for chain ${ballot.chainId}, not ${chain.chainId}`)
  const g = requireGovernor(ctx, chain.chainId, ballot.governor)
  if (g.name !== ballot.governorName || g.version !== ballot.governorVersion)
    throw new ApiError(
      'BAD_INPUT',
      `the ballot names "${ballot.governorName}" v${ballot.governorVersion}, the Governor is "${g.name}" v${g.version}`,
    )
  let verified
  try {
    verified = verifyBallot(ballot)
  } catch (error) {
    throw new ApiError('BAD_INPUT', firstLine(error))
  }
  const { vote, voter } = verified
  const proposalId = vote.proposalId
  await withProvider(chain, async (p) => {
    const kind = await readBallotKind(p, g.address)
    if (kind !== vote.kind)
      throw new ApiError(
        'BAD_INPUT',
        `the ballot is an ${KIND_NAMES[vote.kind]} ballot; Governor ${g.address} takes ${KIND_NAMES[kind]} ballots`,
      )
    if (vote.kind === 'oz5') {
      const current = await readBallotNonce(p, g.address, voter)
      if (current > vote.nonce)
        throw new ApiError(
          'CONFLICT',
          `the ballot's nonce ${vote.nonce} is already used by ${voter} (the Governor's next nonce is ${current}): ` +
            'it was relayed already or the voter signed again since; sign a new ballot',
        )
      if (current < vote.nonce)
        throw new ApiError(
          'BAD_INPUT',
          `the ballot's nonce ${vote.nonce} is ahead of ${voter}'s nonce on the Governor (${current}): the Governor would refuse it`,
        )
    }
    if (verified.needsContractCheck) await checkContractVoter(p, ballot, verified)
    const already = (await new Contract(g.address, governorIface, p).hasVoted(proposalId, voter)) as boolean
    if (already) throw new ApiError('CONFLICT', `${voter} has already voted on proposal ${proposalId}`)
  })
  return send(ctx, chain, g, relayer, {
    action: 'governor.ballotRelayed',
    ...(vote.kind === 'oz4'
      ? { method: CAST_VOTE_BY_SIG.oz4, args: [proposalId, vote.support, ...vrs(ballot.signature)] }
      : { method: CAST_VOTE_BY_SIG.oz5, args: [proposalId, vote.support, voter, ballot.signature] }),
    proposalId,
    payload: {
      voter,
      support: SUPPORT_NAMES[vote.support],
      digest: ballot.digest,
      ballotKind: vote.kind,
      ...(vote.kind === 'oz5' ? { nonce: vote.nonce.toString() } : {}),
      ...(verified.needsContractCheck ? { signer: verified.signer, contractVoter: true } : {}),
    },
  })
}

type Step = 'queue' | 'execute' | 'cancel'
const STEP_ACTION: Record<Step, string> = {
  queue: 'governor.queued',
  execute: 'governor.executed',
  cancel: 'governor.canceled',
}

/** queue, execute and cancel take the proposal's actions and description hash, read back from its log. */
export async function stepGovernorProposal(
  ctx: CoreContext,
  chain: ChainRecord,
  wallet: Wallet,
  step: Step,
  input: { governor: string; proposalId: bigint },
) {
  const g = requireGovernor(ctx, chain.chainId, input.governor)
  const p = await withProvider(chain, (provider) => findProposal(chain, g, provider, input.proposalId))
  const { targets, values, calldatas } = splitActions(p.actions)
  const paysFromSafe = step === 'execute' && g.safe && g.module && p.actions.some((a) => unwrapSafeModule(g.module, a))
  const outflows = paysFromSafe ? safeOutflowsOf(ctx, chain, g, p.actions) : []
  const key = { chainId: chain.chainId, governor: g.address, proposalId: input.proposalId.toString() }
  return send(ctx, chain, g, wallet, {
    action: STEP_ACTION[step],
    method: step,
    args: [targets, values, calldatas, descriptionHash(p.description)],
    proposalId: input.proposalId,
    payload: { title: titleOf(p.description) },
    check: paysFromSafe
      ? (receipt) => {
          const moduleRuns = moduleExecutionsIn(receipt, g.safe!, g.module!)
          if (moduleRuns === 0)
            throw new ApiError('CHAIN_ERROR', `the Safe ${g.safe} logged no execution by the module`)
          return { safe: g.safe, moduleExecutions: moduleRuns, outflows }
        }
      : undefined,
    inTx: paysFromSafe
      ? (receipt, at) =>
          recordExecution(
            ctx,
            key,
            { safe: g.safe!, title: titleOf(p.description), outflows },
            { txHash: receipt.hash, block: receipt.blockNumber, at },
            wallet.address,
          )
      : undefined,
  })
}

/** OpenZeppelin 4.9's GovernorTimelockControl schedules with predecessor 0 and salt = the description hash. */
export function timelockOperationId(actions: GovernorAction[], description: string): string {
  const { targets, values, calldatas } = splitActions(actions)
  // keccak256(abi.encode(targets, values, payloads, predecessor, salt)), as TimelockController.hashOperationBatch.
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ['address[]', 'uint256[]', 'bytes[]', 'bytes32', 'bytes32'],
      [targets, values, calldatas, ZeroHash, descriptionHash(description)],
    ),
  )
}

/**
 * The signers' veto: a Safe proposal (signed and executed like any other) calling timelock.cancel on a queued
 * operation. The Safe holds the timelock's CANCELLER_ROLE; the Governor then reads the proposal as Canceled.
 */
export async function vetoGovernorProposal(
  ctx: CoreContext,
  chain: ChainRecord,
  input: { governor: string; proposalId: bigint },
) {
  const g = requireGovernor(ctx, chain.chainId, input.governor)
  if (!g.safe)
    throw new ApiError('BAD_INPUT', `Governor ${g.address} drives no Safe of this workspace: nobody here can veto`)
  const p = await withProvider(chain, async (provider) => {
    const found = await findProposal(chain, g, provider, input.proposalId)
    const tl = new Contract(g.timelock, timelockIface, provider)
    const role = (await tl.CANCELLER_ROLE()) as string
    if (!((await tl.hasRole(role, g.safe)) as boolean))
      throw new ApiError('CONFLICT', `the Safe ${g.safe} does not hold the timelock's canceller role`)
    return found
  })
  const operationId = timelockOperationId(p.actions, p.description)
  const title = p.description.split('\n')[0].slice(0, 120)
  const proposal = await createProposalFromInput(ctx, chain, {
    safe: g.safe,
    title: `Veto on-chain proposal: ${title}`,
    description: `Cancels the timelock operation ${operationId} of Governor ${g.address} proposal ${p.proposalId}.`,
    body: {
      type: 'transactions',
      parts: [
        {
          type: 'contract_call',
          to: g.timelock,
          value: '0',
          data: timelockIface.encodeFunctionData('cancel', [operationId]) as `0x${string}`,
        },
      ],
    },
  } as Parameters<typeof createProposalFromInput>[2])
  return { proposalId: proposal.id, operationId }
}
