import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { requireChain } from '../core/chain'
import { listTokens } from '../core/tokens'
import {
  budgetReview,
  budgetReviewCsv,
  getLine,
  getPeriod,
  insertLine,
  insertPeriod,
  listLines,
  listPeriods,
  listReallocations,
} from '../core/budgets'
import { nativeToken } from '../core/disbursements'
import { WORKSPACE_USER, type CoreContext } from '../core/workspace'
import type { BudgetOverview } from '../../shared/contract'
import { recordExport, sha256Hex } from '../core/reports/export-audit'

function overview(ctx: CoreContext, periodId: number): BudgetOverview {
  return {
    period: getPeriod(ctx.db, periodId),
    lines: listLines(ctx.db, { periodId }),
    reallocations: listReallocations(ctx.db, periodId),
  }
}

export const budgetsHandlers: Handlers<
  | 'budgets.listPeriods'
  | 'budgets.createPeriod'
  | 'budgets.createLine'
  | 'budgets.overview'
  | 'budgets.listLines'
  | 'budgets.review'
  | 'budgets.exportCsv'
> = {
  'budgets.listPeriods': (_input, { ctx }) => listPeriods(ctx.db),

  'budgets.createPeriod': (input, { ctx }) =>
    ctx.mutate(
      (p: { id: number }) => ({
        actor: WORKSPACE_USER,
        action: 'budget.period.created',
        subject: `budget-period:${p.id}`,
        payload: input,
      }),
      () => insertPeriod(ctx.db, input),
    ),

  'budgets.createLine': ({ periodId, category, token, allocation }, { ctx }) => {
    const chain = requireChain(ctx.db)
    const known =
      token === 'native'
        ? nativeToken(ctx.db, chain.chainId)
        : listTokens(ctx.db, chain.chainId)
            .map((t) => ({ token: t.address, symbol: t.symbol, decimals: t.decimals }))
            .find((t) => t.token === token)
    if (!known)
      throw new ApiError('NOT_FOUND', `Token ${token} is not one of this workspace's tokens on chain ${chain.chainId}.`)
    const id = ctx.mutate(
      (lineId: number) => ({
        actor: WORKSPACE_USER,
        action: 'budget.line.created',
        subject: `budget-line:${lineId}`,
        payload: { periodId, category, chainId: chain.chainId, token, symbol: known.symbol, allocation },
      }),
      () =>
        insertLine(ctx.db, {
          periodId,
          category,
          chainId: chain.chainId,
          token: known.token,
          symbol: known.symbol,
          decimals: known.decimals,
          allocation: BigInt(allocation),
        }),
    )
    return getLine(ctx.db, id)
  },

  'budgets.overview': ({ periodId }, { ctx }) => overview(ctx, periodId),

  'budgets.listLines': (_input, { ctx }) => listLines(ctx.db),

  'budgets.review': ({ periodId }, { ctx }) => budgetReview(ctx.db, periodId),

  'budgets.exportCsv': ({ periodId }, { ctx }) => {
    const exported = budgetReviewCsv(budgetReview(ctx.db, periodId))
    recordExport(ctx, {
      kind: 'budget-vs-actual',
      format: 'csv',
      fileName: exported.fileName,
      from: null,
      to: null,
      bytes: Buffer.byteLength(exported.csv),
      sha256: sha256Hex(exported.csv),
      scope: { periodId },
    })
    return exported
  },
}
