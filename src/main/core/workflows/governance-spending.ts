import { ApiError } from '../../../shared/errors'
import type { ProposalPartInput } from '../../../shared/contract/proposals'
import type { ChainRecord } from '../chain/store'
import { chainContracts } from '../chain/deployments'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'
import { createProposalFromInput } from '../proposals/service'
import { matchesSpending, spendingCalls } from '../governance/spending'
import { setSafeLink, type ProposalRecord } from '../governance/store'
import { chainClock, governanceToken, proposalsReadyToDraft } from '../governance/proposals'
import { detail, envOf, evaluated } from '../governance/service'

/**
 * Drafts the Safe proposal of a passed treasury-spending proposal (the caller checked it is ready: queued, past its
 * timelock, undisputed, not yet drafted) through the proposals core, and links both ways in the same transaction:
 * the governance proposal records the Safe proposal's id and hash; the Safe proposal's grant link names the vote.
 * The SafeTx must make exactly the approved transfers, or nothing is stored.
 */
export async function draftSpendingSafeProposal(ctx: CoreContext, chain: ChainRecord, p: ProposalRecord) {
  if (p.kind !== 'treasury_spending' || !p.spending)
    throw new ApiError('CONFLICT', 'Only a treasury-spending proposal drafts a Safe proposal.')
  if (p.safeLink) throw new ApiError('CONFLICT', `Its Safe transaction is already drafted (${p.safeLink.safeTxHash}).`)
  const parts: ProposalPartInput[] = p.spending.transfers.map((t) =>
    t.token === null
      ? { type: 'eth_transfer', to: t.recipient, amount: t.amount.toString() }
      : { type: 'erc20_transfer', token: t.token, to: t.recipient, amount: t.amount.toString() },
  )
  let batchers: { multiSend: string; multiSendCallOnly: string }
  try {
    const c = chainContracts(chain)
    batchers = { multiSend: c.multiSendAddress, multiSendCallOnly: c.multiSendCallOnlyAddress }
  } catch (error) {
    throw new ApiError('NOT_CONFIGURED', error instanceof Error ? error.message : String(error))
  }
  const calls = spendingCalls(p)
  return createProposalFromInput(
    ctx,
    chain,
    {
      safe: p.spending.safe,
      title: `Governance: ${p.title}`.slice(0, 140),
      description: `Carries out governance proposal ${p.id} (treasury spending), passed and past its timelock.`,
      category: 'governance',
      grantLink: `governance:${p.id}`,
      body: { type: 'transactions', parts, onlyCalls: true },
    },
    (safeProposal) => {
      const match = matchesSpending(safeProposal.safeTx, calls, batchers)
      if (!match.ok) throw new ApiError('INTERNAL', `The drafted Safe transaction was refused: ${match.reason}.`)
      ctx.mutate(
        {
          actor: WORKSPACE_USER,
          action: 'governance.proposal.safe-linked',
          subject: `governance-proposal:${p.id}`,
          payload: {
            safe: safeProposal.safe,
            safeTxHash: safeProposal.safeTxHash,
            nonce: safeProposal.nonce,
            safeProposalId: String(safeProposal.id),
            drafted: true,
          },
        },
        () =>
          setSafeLink(ctx.db, p.id, {
            safeProposalId: String(safeProposal.id),
            safeTxHash: safeProposal.safeTxHash,
            nonce: safeProposal.nonce,
            safeTx: safeProposal.safeTx,
          }),
      )
    },
  )
}

/**
 * On a Safe's sync: drafts the Safe proposal of every spending proposal paying from it that became ready (passed,
 * queued, past its timelock, undisputed, not yet drafted). Returns the governance ids drafted; one that cannot be
 * drafted now is left for the explicit action, which says why.
 */
export async function draftReadySpending(ctx: CoreContext, chain: ChainRecord, safe: string): Promise<string[]> {
  const token = governanceToken(ctx.db, chain.chainId)
  if (!token) return []
  const env = { db: ctx.db, chain, token }
  const { clock, info } = await chainClock(ctx.db, chain)
  if (info.stale) return []
  const drafted: string[] = []
  for (const p of await proposalsReadyToDraft(env, clock)) {
    if (!p.spending || p.spending.safe !== safe) continue
    try {
      await draftSpendingSafeProposal(ctx, chain, p)
      drafted.push(p.id)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
    }
  }
  return drafted
}

/** `governance.draftSafeProposal`: the checks of a passed spending proposal, then its Safe proposal drafted. */
export async function draftSafeProposal(ctx: CoreContext, id: string) {
  const env = envOf(ctx)
  const { p, e } = await evaluated(env, id, true)
  if (p.kind !== 'treasury_spending' || !p.spending)
    throw new ApiError('CONFLICT', 'Only a treasury-spending proposal drafts a Safe proposal.')
  if (!e.draftReady) throw new ApiError('CONFLICT', `Its Safe proposal cannot be drafted: ${e.draftReason}.`)
  await draftSpendingSafeProposal(ctx, env.chain, p)
  return detail(env, p.id)
}
