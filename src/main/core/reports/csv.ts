/**
 * RFC 4180 CSV cells, hand-rolled because this is the inner loop of a million-row export that must stay within 2x
 * of `sqlite3 -csv`: papaparse's `unparse` returns the whole document as one string (no streaming, so memory would
 * grow with the export) and would need its own array per row, where this writes each line straight into the file
 * buffer. The rules are few and tested (csv/reports tests): quote a cell holding a quote, comma, CR or LF (doubling
 * quotes), and neutralise spreadsheet formulas.
 */

/** A cell a spreadsheet would run as a formula (=, +, -, @, TAB, CR) gets a leading apostrophe (OWASP CSV injection). */
export function csvCell(value: string): string {
  if (value === '') return ''
  const first = value.charCodeAt(0)
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) value = `'${value}`
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

const NEEDS_QUOTES = /[",\r\n]/

export const CSV_EOL = '\r\n'

export function csvLine(cells: readonly string[]): string {
  let line = csvCell(cells[0] ?? '')
  for (let i = 1; i < cells.length; i++) line += ',' + csvCell(cells[i])
  return line + CSV_EOL
}
