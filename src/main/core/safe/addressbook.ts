import Papa from 'papaparse'
import { getAddress } from 'ethers'
import type { Db } from '../db/open'
import type { AddressBookEntry, AddressBookImport } from '../../../shared/contract/addressbook'
import { addressLabel } from '../../../shared/contract/addressbook'
import { address as addressSchema } from '../../../shared/contract/primitives'

interface Row {
  chain_id: number
  address: string
  label: string
  updated_at: string
}

const fromRow = (r: Row): AddressBookEntry => ({
  chainId: r.chain_id,
  address: r.address,
  label: r.label,
  updatedAt: r.updated_at,
})

export function listAddressBook(db: Db, chainId?: number): AddressBookEntry[] {
  const rows = (
    chainId === undefined
      ? db.prepare('SELECT * FROM address_book ORDER BY chain_id, label COLLATE NOCASE, address').all()
      : db.prepare('SELECT * FROM address_book WHERE chain_id = ? ORDER BY label COLLATE NOCASE, address').all(chainId)
  ) as Row[]
  return rows.map(fromRow)
}

export function addressLabels(db: Db, chainId: number): Map<string, string> {
  return new Map(listAddressBook(db, chainId).map((e) => [e.address, e.label]))
}

/** Inserts or relabels one entry. Call inside a mutation. */
export function setAddressLabel(db: Db, chainId: number, address: string, label: string, now = new Date()) {
  db.prepare(
    `INSERT INTO address_book (chain_id, address, label, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(chain_id, address) DO UPDATE SET label = excluded.label, updated_at = excluded.updated_at`,
  ).run(chainId, getAddress(address), label, now.toISOString())
  return fromRow(
    db
      .prepare('SELECT * FROM address_book WHERE chain_id = ? AND address = ?')
      .get(chainId, getAddress(address)) as Row,
  )
}

export function removeAddressLabel(db: Db, chainId: number, address: string): boolean {
  return db.prepare('DELETE FROM address_book WHERE chain_id = ? AND address = ?').run(chainId, address).changes > 0
}

export class CsvImportError extends Error {
  constructor(
    message: string,
    readonly problems: Array<{ line: number; field: string; message: string }>,
  ) {
    super(message)
  }
}

export const MAX_ADDRESS_BOOK_ROWS = 10_000

/**
 * Parses Safe{Wallet}'s address book CSV (`address,name,chainId`; chainId may be left out, then the active chain).
 * Every row is checked first; one bad row refuses the whole file, naming its line and field, so nothing is half
 * imported.
 */
export function parseAddressBookCsv(
  csv: string,
  defaultChainId: number,
): Array<{ chainId: number; address: string; label: string; line: number }> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  })
  const problems: Array<{ line: number; field: string; message: string }> = []
  const fields = parsed.meta.fields ?? []
  if (!fields.includes('address') || !(fields.includes('name') || fields.includes('label')))
    throw new CsvImportError('The CSV needs a header line with the columns address,name (and optionally chainId).', [
      { line: 1, field: 'header', message: `found: ${fields.join(',') || '(nothing)'}` },
    ])
  for (const e of parsed.errors.slice(0, 20))
    problems.push({ line: (e.row ?? 0) + 2, field: 'row', message: e.message })
  if (parsed.data.length > MAX_ADDRESS_BOOK_ROWS)
    throw new CsvImportError(
      `The CSV has ${parsed.data.length} rows; at most ${MAX_ADDRESS_BOOK_ROWS} are imported.`,
      [],
    )
  const out: Array<{ chainId: number; address: string; label: string; line: number }> = []
  const seen = new Map<string, number>()
  parsed.data.forEach((row, i) => {
    const line = i + 2
    const addr = addressSchema.safeParse((row.address ?? '').trim())
    if (!addr.success) problems.push({ line, field: 'address', message: addr.error.issues[0].message })
    const label = addressLabel.safeParse(row.name ?? row.label ?? '')
    if (!label.success) problems.push({ line, field: 'name', message: label.error.issues[0].message })
    const rawChain = (row.chainid ?? '').trim()
    const chainId = rawChain === '' ? defaultChainId : Number(rawChain)
    if (!Number.isSafeInteger(chainId) || chainId <= 0)
      problems.push({ line, field: 'chainId', message: `"${rawChain}" is not a chain id` })
    if (addr.success && label.success && Number.isSafeInteger(chainId) && chainId > 0) {
      const key = `${chainId}:${addr.data}`
      const before = seen.get(key)
      if (before !== undefined)
        problems.push({ line, field: 'address', message: `the same address is already on line ${before}` })
      seen.set(key, line)
      out.push({ chainId, address: addr.data, label: label.data, line })
    }
  })
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line)
    const first = problems[0]
    throw new CsvImportError(
      `Line ${first.line}, ${first.field}: ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '') +
        '. Nothing was imported.',
      problems.slice(0, 50),
    )
  }
  return out
}

/** What importing these rows would change. With `write`, applies it (call inside a mutation). */
export function applyAddressBookImport(
  db: Db,
  rows: Array<{ chainId: number; address: string; label: string }>,
  write: boolean,
  now = new Date(),
): AddressBookImport {
  const result: AddressBookImport = { added: [], updated: [], unchanged: 0, dryRun: !write }
  const get = db.prepare('SELECT * FROM address_book WHERE chain_id = ? AND address = ?')
  for (const r of rows) {
    const existing = get.get(r.chainId, r.address) as Row | undefined
    const entry = { chainId: r.chainId, address: r.address, label: r.label, updatedAt: now.toISOString() }
    if (!existing) result.added.push(entry)
    else if (existing.label !== r.label) result.updated.push({ ...entry, previous: existing.label })
    else {
      result.unchanged++
      continue
    }
    if (write) setAddressLabel(db, r.chainId, r.address, r.label, now)
  }
  return result
}

/** Safe{Wallet}'s address book CSV, so a book moves both ways between the two. */
export function addressBookCsv(entries: AddressBookEntry[]): string {
  return Papa.unparse(
    {
      fields: ['address', 'name', 'chainId'],
      data: entries.map((e) => [e.address, neutraliseFormula(e.label), String(e.chainId)]),
    },
    { newline: '\n' },
  )
}

/** A label starting with = + - @ would run as a formula in a spreadsheet: prefix it with a quote. */
function neutraliseFormula(label: string): string {
  return /^[=+\-@\t\r]/.test(label) ? `'${label}` : label
}
