import type { Valuation } from '../../../shared/contract/pricing'
import type { LedgerEntry } from './safe-ledger'
import { csvCell, CSV_EOL } from './csv'
import { humanUnits } from './units'

/**
 * Accounting exports of one Safe's ledger. Cells go through the report CSV writer (RFC 4180 quoting, formula
 * neutralisation); an amount that is only a signed decimal number is written bare, because a leading minus on a
 * number is how Xero and QuickBooks read a payment and no spreadsheet runs "-12.5" as a formula.
 */
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/
const amountCell = (value: string) => (SIGNED_DECIMAL.test(value) ? value : csvCell(value))
const line = (cells: string[], amountColumns: number[] = []) =>
  cells.map((c, i) => (amountColumns.includes(i) ? amountCell(c) : csvCell(c))).join(',') + CSV_EOL

/** The columns Xero's and QuickBooks' bank statement import map: one currency (token) per statement. */
export const BANK_STATEMENT_HEADERS = ['Date', 'Amount', 'Payee', 'Description', 'Reference']

export function bankStatementCsv(entries: LedgerEntry[]): string {
  let csv = line(BANK_STATEMENT_HEADERS)
  for (const e of entries) {
    const amount = humanUnits(e.amount.toString(), e.token.decimals)
    csv += line(
      [
        e.at.slice(0, 10),
        e.direction === 'out' ? `-${amount}` : amount,
        e.counterpartyLabel ?? e.counterparty,
        [e.description, e.category].filter(Boolean).join(' · '),
        e.txHash,
      ],
      [1],
    )
  }
  return csv
}

export const JOURNAL_HEADERS = ['date', 'account', 'debit', 'credit', 'token', 'amount', 'value', 'tx_hash']

/**
 * Double entry: money out debits the expense account of its category and credits the Safe's asset account; money
 * in debits the Safe and credits income. Debit and credit are in token units, amount in base units; `value` is the
 * entry's value in the reporting currency when it moved (`values[i]` for `entries[i]`), or "no price" where no price
 * source had one: never a 0 that would read as worthless.
 */
export function journalCsv(entries: LedgerEntry[], safeLabel: string, values: readonly Valuation[] = []): string {
  let csv = line(JOURNAL_HEADERS)
  const assets = `Assets:Safe ${safeLabel}`
  entries.forEach((e, i) => {
    const units = humanUnits(e.amount.toString(), e.token.decimals)
    const valuation = values[i]
    const value = valuation?.priced ? valuation.value : 'no price'
    const other =
      e.direction === 'out' ? `Expenses:${e.category ?? 'Uncategorised'}` : `Income:${e.category ?? 'Receipts'}`
    const [debitAccount, creditAccount] = e.direction === 'out' ? [other, assets] : [assets, other]
    const base = e.amount.toString()
    const date = e.at.slice(0, 10)
    csv += line([date, debitAccount, units, '', e.token.symbol, base, value, e.txHash], [2, 3, 5, 6])
    csv += line([date, creditAccount, '', units, e.token.symbol, base, value, e.txHash], [2, 3, 5, 6])
  })
  return csv
}
