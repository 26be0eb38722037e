import type { Handlers } from './registry'
import { ApiError } from '../../shared/errors'
import { toPeriod } from '../core/audit'
import { requireChain } from '../core/chain'
import { getSafe } from '../core/safe/store'
import { bankStatementCsv, journalCsv, ledgerValues, recordExport, safeLedger, sha256Hex } from '../core/reports'

export const accountingHandlers: Handlers<'accounting.export'> = {
  'accounting.export': async ({ safe, from, to, format, token }, { ctx }) => {
    let period
    try {
      period = toPeriod({ from, to })
    } catch (error) {
      throw new ApiError('BAD_INPUT', `Invalid period: ${(error as Error).message}.`)
    }
    const chain = requireChain(ctx.db)
    const known = getSafe(ctx.db, chain.chainId, safe)
    if (!known) throw new ApiError('NOT_FOUND', `Safe ${safe} is not in this workspace on chain ${chain.chainId}.`)
    let entries
    try {
      entries = await safeLedger(ctx.db, chain, safe, period)
    } catch (error) {
      throw new ApiError('CHAIN_ERROR', `The Safe's transfers could not be read: ${(error as Error).message}`)
    }
    const range = `${from ?? 'start'}_${to ?? 'now'}`
    let csv: string
    let fileName: string
    if (format === 'bank-statement') {
      const wanted = token ?? 'native'
      const matching = entries.filter((e) =>
        wanted === 'native' ? e.token.address === null : e.token.address?.toLowerCase() === wanted.toLowerCase(),
      )
      const symbol = matching[0]?.token.symbol ?? (wanted === 'native' ? 'native' : wanted.slice(0, 10))
      entries = matching
      csv = bankStatementCsv(entries)
      fileName = `bank-statement_${safe.slice(0, 10)}_${symbol}_${range}.csv`
    } else {
      csv = journalCsv(entries, known.label ?? safe, await ledgerValues(ctx.db, chain, entries))
      fileName = `journal_${safe.slice(0, 10)}_${range}.csv`
    }
    recordExport(ctx, {
      kind: format,
      format: 'csv',
      fileName,
      from: from ?? null,
      to: to ?? null,
      bytes: Buffer.byteLength(csv),
      sha256: sha256Hex(csv),
      scope: { chainId: chain.chainId, safe, token: format === 'bank-statement' ? (token ?? 'native') : null },
    })
    return { fileName, csv, entries: entries.length }
  },
}
