import { parseUnits } from 'ethers'
import { downloadText as downloadFile } from './files'

/** A human amount typed by a person ("1,250.5" is refused: no separators) to base units, exactly. */
export function toBaseUnits(human: string, decimals: number, what = 'amount'): string {
  const text = human.trim()
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(`${what} must be a number like 1250.5 (no separators, not negative)`)
  const fraction = text.split('.')[1] ?? ''
  if (fraction.replace(/0+$/, '').length > decimals) throw new Error(`${what} has more than ${decimals} decimals`)
  return parseUnits(text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''), decimals).toString()
}

export interface TokenChoice {
  token: string
  symbol: string
  decimals: number
}

/** Today's date (UTC) as YYYY-MM-DD, for date inputs. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10)
}

/** Offers a CSV text as a file download (no navigation, no remote origin). */
export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  downloadFile(fileName, text, type)
}
