import { Contract, getAddress, type JsonRpcProvider, type Signer } from 'ethers'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import type { ChainRecord } from '../chain/store'
import { listTokens } from '../tokens/registry'
import { nativeCurrency } from '../tokens/native'
import { rpcProvider } from '../chain/rpc'
import { chainContracts } from '../chain/deployments'
import { getSafe } from '../safe/store'
import { syncSnapshot } from '../safe/snapshot'
import { firstLine as chainMessage } from '../first-line'
import { signSafeTx } from '../signing/safe-tx'
import { ApiError } from '../../../shared/errors'
import type {
  CreateProposalInput,
  ProposalPartInput,
  SignatureSource,
  SyncReport,
  TxBuilderPreview,
} from '../../../shared/contract/proposals'
import { OPEN_STATUSES } from '../../../shared/contract/proposals'
import { erc20Iface, safeIface } from './abi'
import { ProposalBuildError } from './args'
import {
  buildOwnerChange,
  buildRejection,
  buildTransactions,
  type BuildContext,
  type BuiltProposal,
  type TokenInfo,
} from './build'
import {
  ExecutionRefused,
  executeOnChain,
  readApprovals,
  readExecutions,
  readSafeNonce,
  simulateProposal,
} from './chain'
import {
  addProposalSignature,
  cancelProposal,
  createProposal,
  markNonceUsed,
  recordExecution,
  refreshReadiness,
  requireProposal,
  safeState,
  suggestNonce,
} from './lifecycle'
import { listProposalSignatures, openOnNonce, openProposalsOfSafe, updateProposal, type ProposalRecord } from './store'
import { parseTxBuilderBatch, TxBuilderImportError } from './txbuilder'
import { approvedHashSignature } from '../signing/safe-tx'
import { assertProposalNotDisputed } from './disputes'
import { releaseLinkedBatch, settleLinkedBatch } from '../disbursements/proposal-link'

async function withProvider<T>(chain: ChainRecord, work: (p: JsonRpcProvider) => Promise<T>): Promise<T> {
  const provider = rpcProvider(chain.rpcUrl, chain.chainId)
  try {
    return await work(provider)
  } finally {
    provider.destroy()
  }
}

/** Reads the Safe from the chain and keeps the snapshot (a cache of chain state: not an audited change). */
export async function refreshSafe(ctx: CoreContext, chain: ChainRecord, safe: string) {
  const known = getSafe(ctx.db, chain.chainId, safe)
  if (!known) throw new ApiError('NOT_FOUND', `Safe ${safe} is not in this workspace. Add it first.`)
  return syncSnapshot(ctx.db, chain, safe, known.label)
}

/** The last synced state, reading the chain when there is none yet. */
export async function ensureSafeState(ctx: CoreContext, chain: ChainRecord, safe: string) {
  const known = getSafe(ctx.db, chain.chainId, safe)
  if (!known) throw new ApiError('NOT_FOUND', `Safe ${safe} is not in this workspace. Add it first.`)
  if (!known.snapshot) {
    try {
      await refreshSafe(ctx, chain, safe)
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `Safe ${safe} could not be read from the chain: ${chainMessage(error)}`)
    }
  }
  return safeState(ctx.db, chain.chainId, safe)
}

async function buildContext(
  ctx: CoreContext,
  chain: ChainRecord,
  safe: string,
  parts: ProposalPartInput[],
): Promise<BuildContext> {
  const state = safeState(ctx.db, chain.chainId, safe)
  const tokens = new Map<string, TokenInfo>(
    listTokens(ctx.db, chain.chainId).map((t) => [t.address, { symbol: t.symbol, decimals: t.decimals }]),
  )
  const unknown = [
    ...new Set(
      parts
        .filter((p) => p.type === 'erc20_transfer' && !tokens.has(p.token))
        .map((p) => (p as { token: string }).token),
    ),
  ]
  if (unknown.length)
    await withProvider(chain, async (provider) => {
      for (const token of unknown) {
        try {
          const erc20 = new Contract(token, erc20Iface, provider)
          const [symbol, decimals] = (await Promise.all([erc20.symbol(), erc20.decimals()])) as [string, bigint]
          tokens.set(token, { symbol, decimals: Number(decimals) })
        } catch (error) {
          throw new ApiError('BAD_INPUT', `${token} does not answer as an ERC-20 token: ${chainMessage(error)}`)
        }
      }
    })
  let contracts
  try {
    contracts = chainContracts(chain)
  } catch (error) {
    throw new ApiError('NOT_CONFIGURED', chainMessage(error))
  }
  return {
    chainId: chain.chainId,
    safe,
    multiSend: contracts.multiSendAddress,
    multiSendCallOnly: contracts.multiSendCallOnlyAddress,
    tokens,
    owners: state.owners,
    threshold: state.threshold,
    native: nativeCurrency(ctx.db, chain.chainId),
  }
}

/** The Safe's nonce now, or from the last synced state when the chain is unreachable (offline proposing). */
async function currentNonce(ctx: CoreContext, chain: ChainRecord, safe: string): Promise<number> {
  try {
    return await withProvider(chain, (p) => readSafeNonce(p, safe))
  } catch {
    return safeState(ctx.db, chain.chainId, safe).nonce
  }
}

function buildError(error: unknown): never {
  if (error instanceof ProposalBuildError) throw new ApiError('BAD_INPUT', error.message, { path: error.path })
  throw error
}

/**
 * `inSameTx` runs inside the creating transaction with the new proposal (another core linking to it): when it
 * throws, nothing is stored.
 */
export async function createProposalFromInput(
  ctx: CoreContext,
  chain: ChainRecord,
  input: CreateProposalInput,
  inSameTx?: (p: ProposalRecord) => void,
) {
  // Owners and threshold as they are now when online (an owner change is built against them); offline, the last sync.
  await refreshSafe(ctx, chain, input.safe).catch(() => undefined)
  await ensureSafeState(ctx, chain, input.safe)
  const parts = input.body.type === 'transactions' ? input.body.parts : []
  const bctx = await buildContext(ctx, chain, input.safe, parts)
  let built: BuiltProposal
  try {
    built =
      input.body.type === 'transactions'
        ? buildTransactions(input.body.parts, bctx, input.body.onlyCalls ?? true)
        : buildOwnerChange(input.body.change, bctx)
  } catch (error) {
    buildError(error)
  }
  return storeNew(ctx, chain, input.safe, built, input, null, 'proposal.created', {}, inSameTx)
}

async function storeNew(
  ctx: CoreContext,
  chain: ChainRecord,
  safe: string,
  built: BuiltProposal,
  meta: {
    title: string
    description?: string
    category?: string | null
    budgetLineId?: string | null
    grantLink?: string | null
    nonce?: number
    draft?: boolean
    proposer?: string
  },
  rejectsId: number | null,
  action = 'proposal.created',
  extraPayload: Record<string, unknown> = {},
  inSameTx?: (p: ProposalRecord) => void,
) {
  const onChain = await currentNonce(ctx, chain, safe)
  const nonce = meta.nonce ?? suggestNonce(ctx.db, chain.chainId, safe, onChain)
  if (nonce < onChain)
    throw new ApiError('CONFLICT', `Nonce ${nonce} is already used on chain (the Safe is at ${onChain}).`)
  return ctx.mutate(
    (p: ReturnType<typeof createProposal>) => ({
      // Drafting a proposal is nobody's signature (the proposer is a typed address, not proven): the workspace user.
      actor: WORKSPACE_USER,
      action,
      subject: `proposal:${p.id}`,
      payload: {
        safe,
        kind: p.kind,
        title: p.title,
        nonce: p.nonce,
        safeTxHash: p.safeTxHash,
        status: p.status,
        outflows: p.outflows,
        parts: p.actions.length,
        rejects: rejectsId,
        ...extraPayload,
      },
    }),
    () => {
      const created = createProposal(ctx.db, {
        chainId: chain.chainId,
        safe,
        built,
        nonce,
        title: meta.title,
        description: meta.description,
        category: meta.category,
        budgetLineId: meta.budgetLineId,
        grantLink: meta.grantLink,
        proposer: meta.proposer ?? WORKSPACE_USER,
        draft: meta.draft,
        rejectsId,
      })
      inSameTx?.(created)
      return created
    },
  )
}

/** Safe{Wallet}'s rejection for an open proposal: a 0-value self-call on its nonce. */
export async function rejectProposal(ctx: CoreContext, chain: ChainRecord, id: number, title?: string) {
  const target = requireProposal(ctx.db, id)
  if (target.status === 'draft')
    throw new ApiError('CONFLICT', `Proposal #${id} is a draft: cancel it instead, no signature can exist yet.`)
  if (!OPEN_STATUSES.includes(target.status))
    throw new ApiError('CONFLICT', `Proposal #${id} is ${target.status}: there is nothing to reject.`)
  if (openOnNonce(ctx.db, target.chainId, target.safe, target.nonce).some((o) => o.kind === 'rejection'))
    throw new ApiError('CONFLICT', `Nonce ${target.nonce} already has a rejection: sign that one.`)
  if (target.kind === 'rejection') throw new ApiError('CONFLICT', 'A rejection cannot itself be rejected.')
  return storeNew(
    ctx,
    chain,
    target.safe,
    buildRejection(target.safe, target.nonce),
    {
      title: title ?? `Reject #${target.id}: ${target.title}`.slice(0, 140),
      nonce: target.nonce,
      category: target.category,
    },
    target.id,
    'proposal.rejection_created',
  )
}

/** Adds a signature made elsewhere, or read from the chain, with its audit event. */
export function attachSignature(
  ctx: CoreContext,
  id: number,
  input: { signature: string; signer?: string; safeTxHash?: string; source: SignatureSource },
) {
  const p = requireProposal(ctx.db, id)
  if (input.safeTxHash && input.safeTxHash.toLowerCase() !== p.safeTxHash)
    throw new ApiError(
      'BAD_INPUT',
      `This signature is for transaction ${input.safeTxHash}, not proposal #${id} (${p.safeTxHash}).`,
    )
  return ctx.mutate(
    (r: ReturnType<typeof addProposalSignature>) => ({
      // The recovered signer, whoever stored the signature.
      actor: r.signer,
      action: r.added ? 'proposal.signature_added' : 'proposal.signature_repeated',
      subject: `proposal:${id}`,
      payload: { signer: r.signer, source: input.source, safeTxHash: p.safeTxHash, status: r.status },
    }),
    () => addProposalSignature(ctx.db, id, input),
  )
}

/** Signs with a local key (any ethers signer that can sign typed data; no network needed). */
export async function signProposal(ctx: CoreContext, id: number, wallet: Pick<Signer, 'signTypedData' | 'getAddress'>) {
  const p = requireProposal(ctx.db, id)
  const signature = await signSafeTx(wallet, p.chainId, p.safe, p.safeTx)
  return attachSignature(ctx, id, { signature, signer: await wallet.getAddress(), source: 'local' })
}

export async function simulateProposalById(ctx: CoreContext, chain: ChainRecord, id: number, executor: string | null) {
  const p = requireProposal(ctx.db, id)
  const { owners, threshold } = await ensureSafeState(ctx, chain, p.safe)
  let simulation
  try {
    simulation = await withProvider(chain, (provider) =>
      simulateProposal(
        provider,
        chain,
        p.safe,
        p.safeTx,
        listProposalSignatures(ctx.db, id),
        owners,
        threshold,
        executor,
      ),
    )
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The simulation could not run: ${chainMessage(error)}`)
  }
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'proposal.simulated',
      subject: `proposal:${id}`,
      payload: {
        ok: simulation.ok,
        block: simulation.blockNumber,
        reason: simulation.call.revertReason ?? simulation.execution.revertReason,
        executor,
      },
    },
    () => updateProposal(ctx.db, id, { simulation }),
  )
  return simulation
}

/**
 * Executes a ready proposal with a paying signer. Simulates first; a transaction that would revert is refused and
 * nothing is sent. Records tx hash, block, gas used and the outcome (ExecutionSuccess / ExecutionFailure).
 */
export async function executeProposal(
  ctx: CoreContext,
  chain: ChainRecord,
  id: number,
  signer: Signer,
  payerKind: 'local_key' | 'sandbox_node_account' = 'local_key',
) {
  const p = requireProposal(ctx.db, id)
  if (p.status !== 'ready')
    throw new ApiError('CONFLICT', `Proposal #${id} is ${p.status.replace('_', ' ')}, not ready to execute.`)
  assertProposalNotDisputed(ctx.db, p, 'execute it')
  // The key that pays is the actor of the execution (and of what follows from it), whichever key is active.
  const executor = getAddress(await signer.getAddress())
  const { owners, threshold } = await ensureSafeState(ctx, chain, p.safe)
  let onChain: number
  try {
    onChain = await withProvider(chain, (provider) => readSafeNonce(provider, p.safe))
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The Safe's nonce could not be read: ${chainMessage(error)}`)
  }
  if (p.nonce !== onChain)
    throw new ApiError(
      'CONFLICT',
      p.nonce > onChain
        ? `Proposal #${id} has nonce ${p.nonce}; the Safe is at ${onChain}: execute the proposals before it first.`
        : `Nonce ${p.nonce} was already used on chain: sync to see what took it.`,
    )
  let result
  try {
    result = await withProvider(chain, (provider) =>
      executeOnChain(
        provider,
        chain,
        p.safe,
        p.safeTx,
        p.safeTxHash,
        listProposalSignatures(ctx.db, id),
        owners,
        threshold,
        signer,
      ),
    )
  } catch (error) {
    if (error instanceof ExecutionRefused) {
      if (error.simulation) {
        const simulation = error.simulation
        ctx.mutate(
          {
            actor: executor,
            action: 'proposal.execution_refused',
            subject: `proposal:${id}`,
            payload: { reason: error.message, block: simulation.blockNumber },
          },
          () => updateProposal(ctx.db, id, { simulation }),
        )
      }
      throw new ApiError('CONFLICT', error.message, { simulation: error.simulation })
    }
    throw new ApiError('CHAIN_ERROR', `The execution could not be sent: ${chainMessage(error)}`)
  }
  const { execution, simulation } = result
  ctx.mutate(
    (replaced: number[]) => ({
      actor: execution.executor ?? executor,
      action:
        execution.outcome === 'success'
          ? 'proposal.executed'
          : execution.outcome === 'execution_failure'
            ? 'proposal.execution_failed'
            : 'proposal.execution_reverted',
      subject: `proposal:${id}`,
      payload: {
        txHash: execution.txHash,
        block: execution.blockNumber,
        gasUsed: execution.gasUsed,
        executor: execution.executor,
        payer: payerKind === 'sandbox_node_account' ? 'sandbox node account' : 'local key',
        safeTxHash: p.safeTxHash,
        nonce: p.nonce,
        replaced,
      },
    }),
    () => {
      updateProposal(ctx.db, id, { simulation })
      const replaced = recordExecution(ctx.db, id, execution)
      for (const other of replaced)
        releaseLinkedBatch(
          ctx,
          requireProposal(ctx.db, other).safeTxHash,
          other,
          `replaced by proposal #${id}`,
          executor,
        )
      return replaced
    },
  )
  // A disbursement batch follows its proposal once the chain shows the execution (milestones paid, spent moves).
  if (execution.outcome !== 'reverted')
    await settleLinkedBatch(ctx, chain, p.safeTxHash, execution.txHash, execution.blockNumber)
  // Owners, threshold, nonce and balances changed: refresh the cached state (best effort).
  await refreshSafe(ctx, chain, p.safe).catch(() => undefined)
  return execution
}

/**
 * Brings open proposals up to date with the chain: proposals whose nonce was used are marked executed/failed
 * (their hash is in an ExecutionSuccess/ExecutionFailure event: executed elsewhere) or replaced; on-chain
 * approveHash approvals join as signatures; readiness follows the current owners and threshold.
 */
export async function syncProposals(ctx: CoreContext, chain: ChainRecord, safe: string): Promise<SyncReport> {
  let overview
  try {
    overview = await refreshSafe(ctx, chain, safe)
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError('CHAIN_ERROR', `The chain could not be read: ${chainMessage(error)}`)
  }
  const { owners, threshold, nonce } = overview
  const open = openProposalsOfSafe(ctx.db, chain.chainId, safe)
  const used = open.filter((p) => p.nonce < nonce)
  const pending = open.filter((p) => p.nonce >= nonce && p.status !== 'draft')
  let events = { byHash: new Map(), toBlock: 0 } as Awaited<ReturnType<typeof readExecutions>>
  const approvals: Array<{ id: number; owner: string }> = []
  try {
    await withProvider(chain, async (provider) => {
      // Only when a nonce moved under open proposals: which of them (if any) was the one executed.
      if (used.length) events = await readExecutions(provider, safe, 0, new Set(used.map((p) => p.safeTxHash)))
      for (const p of pending) {
        const signed = new Set(listProposalSignatures(ctx.db, p.id).map((s) => s.signer))
        const missing = owners.filter((o) => !signed.has(o))
        if (!missing.length) continue
        for (const owner of await readApprovals(provider, safe, p.safeTxHash, missing))
          approvals.push({ id: p.id, owner })
      }
    })
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The chain could not be read: ${chainMessage(error)}`)
  }
  const report: SyncReport = {
    safe,
    onChainNonce: nonce,
    executed: [],
    failed: [],
    replaced: [],
    onchainApprovals: 0,
    ready: [],
  }
  const now = new Date()
  const apply = () => {
    // Found on chain by hash first: they took their nonce, the others on it were replaced by them.
    for (const p of used) {
      const found = events.byHash.get(p.safeTxHash)
      if (!found) continue
      recordExecution(
        ctx.db,
        p.id,
        {
          txHash: found.txHash,
          blockNumber: found.blockNumber,
          gasUsed: found.gasUsed,
          outcome: found.outcome,
          executor: found.executor,
          origin: 'chain',
          at: now.toISOString(),
        },
        now,
      )
      ;(found.outcome === 'success' ? report.executed : report.failed).push(p.id)
    }
    for (const p of used) {
      if (report.executed.includes(p.id) || report.failed.includes(p.id)) continue
      const still = requireProposal(ctx.db, p.id)
      if (!OPEN_STATUSES.includes(still.status)) {
        report.replaced.push(p.id)
        releaseLinkedBatch(ctx, p.safeTxHash, p.id, 'its nonce was used by another transaction', WORKSPACE_USER)
        continue
      }
      // No event carries this hash: another transaction (made elsewhere) used the nonce.
      markNonceUsed(ctx.db, p, null, now)
      updateProposal(ctx.db, p.id, { status: 'replaced' }, now)
      releaseLinkedBatch(ctx, p.safeTxHash, p.id, 'its nonce was used by another transaction', WORKSPACE_USER)
      report.replaced.push(p.id)
    }
    for (const a of approvals) {
      const r = addProposalSignature(
        ctx.db,
        a.id,
        { signature: approvedHashSignature(a.owner), signer: a.owner, source: 'onchain' },
        now,
      )
      if (r.added) report.onchainApprovals++
    }
    for (const p of pending) {
      const before = p.status
      const after = refreshReadiness(ctx.db, p.id, owners, threshold, now)
      if (after === 'ready' && before !== 'ready') report.ready.push(p.id)
    }
    report.replaced = [...new Set(report.replaced)]
    return report
  }
  const readinessMoves = pending.some((p) => {
    const count = listProposalSignatures(ctx.db, p.id).filter((s) => owners.includes(s.signer)).length
    return count >= threshold !== (p.status === 'ready')
  })
  const changed = used.length > 0 || approvals.length > 0 || readinessMoves
  const synced = changed
    ? ctx.mutate(
        (r: SyncReport) => ({
          actor: WORKSPACE_USER,
          action: 'proposals.synced',
          subject: `safe:${chain.chainId}:${safe}`,
          payload: { ...r },
        }),
        apply,
      )
    : apply()
  // Executed elsewhere: the linked disbursement batches follow, each verified on chain.
  for (const p of used) {
    const found = events.byHash.get(p.safeTxHash)
    if (found) await settleLinkedBatch(ctx, chain, p.safeTxHash, found.txHash, found.blockNumber)
  }
  return synced
}

/** Reads a Transaction Builder file; with dryRun, only shows what it would add. */
export async function importTxBuilder(
  ctx: CoreContext,
  chain: ChainRecord,
  input: {
    safe: string
    json: string
    dryRun?: boolean
    title?: string
    description?: string
    category?: string | null
    budgetLineId?: string | null
    grantLink?: string | null
    nonce?: number
  },
): Promise<{ preview: TxBuilderPreview; proposal: ReturnType<typeof createProposal> | null }> {
  await ensureSafeState(ctx, chain, input.safe)
  let parsed
  try {
    parsed = parseTxBuilderBatch(input.json, { chainId: chain.chainId, safe: input.safe })
  } catch (error) {
    if (error instanceof TxBuilderImportError)
      throw new ApiError('BAD_INPUT', `The batch file is refused: ${error.message}. Nothing was imported.`, {
        path: error.path,
        line: error.line,
      })
    throw error
  }
  const bctx = await buildContext(ctx, chain, input.safe, parsed.parts)
  let built: BuiltProposal
  try {
    built = buildTransactions(parsed.parts, bctx, true)
  } catch (error) {
    buildError(error)
  }
  const preview: TxBuilderPreview = {
    chainId: parsed.chainId,
    safe: parsed.safe,
    name: parsed.name,
    parts: built.actions,
    checksumOk: parsed.checksumOk,
  }
  if (input.dryRun) return { preview, proposal: null }
  const proposal = await storeNew(
    ctx,
    chain,
    input.safe,
    built,
    {
      title: input.title ?? parsed.name ?? 'Imported Transaction Builder batch',
      description: input.description ?? parsed.description ?? '',
      category: input.category,
      budgetLineId: input.budgetLineId,
      grantLink: input.grantLink,
      nonce: input.nonce,
    },
    null,
    'proposal.imported',
    { from: 'transaction-builder', checksumOk: parsed.checksumOk },
  )
  return { preview, proposal }
}

/**
 * approveHash from an owner's own account, then the approval is read back from approvedHashes (never assumed from
 * the receipt alone) and joins the proposal as an on-chain signature.
 */
export async function approveOnChain(ctx: CoreContext, chain: ChainRecord, id: number, owner: Signer) {
  const p = requireProposal(ctx.db, id)
  if (p.status !== 'awaiting_signatures' && p.status !== 'ready')
    throw new ApiError('CONFLICT', `Proposal #${id} is ${p.status.replace('_', ' ')}: it takes no more approvals.`)
  const address = getAddress(await owner.getAddress())
  const { owners } = await ensureSafeState(ctx, chain, p.safe)
  if (!owners.includes(address)) throw new ApiError('BAD_INPUT', `${address} is not an owner of this Safe.`)
  let txHash: string
  let approved: string[]
  try {
    const sent = await owner.sendTransaction({
      to: p.safe,
      data: safeIface.encodeFunctionData('approveHash', [p.safeTxHash]),
    })
    const receipt = await sent.wait()
    if (!receipt || receipt.status !== 1) throw new Error(`approveHash ${sent.hash} reverted`)
    txHash = sent.hash
    approved = await withProvider(chain, (provider) => readApprovals(provider, p.safe, p.safeTxHash, [address]))
  } catch (error) {
    throw new ApiError('CHAIN_ERROR', `The approval could not be sent: ${chainMessage(error)}`)
  }
  if (!approved.includes(address)) throw new ApiError('CHAIN_ERROR', 'The approval does not show on chain.')
  return ctx.mutate(
    (r: ReturnType<typeof addProposalSignature>) => ({
      actor: address,
      action: 'proposal.approved_on_chain',
      subject: `proposal:${id}`,
      payload: { owner: address, txHash, safeTxHash: p.safeTxHash, status: r.status },
    }),
    () =>
      addProposalSignature(ctx.db, id, {
        signature: approvedHashSignature(address),
        signer: address,
        source: 'onchain',
      }),
  )
}

/** Cancels an open proposal; a disbursement batch it carried is released (its amounts no longer committed). */
export function cancelProposalById(ctx: CoreContext, id: number, reason: string | null) {
  ctx.mutate(
    { actor: WORKSPACE_USER, action: 'proposal.cancelled', subject: `proposal:${id}`, payload: { reason } },
    () => {
      cancelProposal(ctx.db, id)
      releaseLinkedBatch(ctx, requireProposal(ctx.db, id).safeTxHash, id, 'its proposal was cancelled', WORKSPACE_USER)
    },
  )
}
