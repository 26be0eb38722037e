import Papa from 'papaparse'
import { ZeroAddress, getAddress } from 'ethers'

/** A token a CSV row may name: the chain's coin ('native') or an ERC-20 from the workspace's tokens table. */
export interface KnownToken {
  token: string
  symbol: string
  decimals: number
}

export interface AirdropRow {
  /** Row number in the file, the header being row 1 (what a spreadsheet shows). */
  row: number
  token: string
  symbol: string
  decimals: number
  receiver: string
  amount: bigint
  id: string | null
}

export interface CsvProblem {
  row: number
  reason: string
}

/** The whole file is refused: every problem found is named by row, and nothing is stored. */
export class CsvRejected extends Error {
  constructor(readonly problems: CsvProblem[]) {
    const first = problems
      .slice(0, 3)
      .map((p) => (p.row > 0 ? `row ${p.row}: ${p.reason}` : p.reason))
      .join('; ')
    super(
      `The CSV file was refused, nothing was stored. ${first}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}.`,
    )
    this.name = 'CsvRejected'
  }
}

/** The columns the CSV Airdrop app writes; it reads them by name, in any order. */
export const CSV_COLUMNS = ['token_type', 'token_address', 'receiver', 'amount', 'id'] as const
/** Names the CSV Airdrop app also reads: `value` for the amount (it wins when both are there). */
const KNOWN_COLUMNS = new Set<string>([...CSV_COLUMNS, 'value'])
export const MAX_CSV_ROWS = 5000
const MAX_PROBLEMS = 200

interface ColumnIndex {
  type: number | null
  token: number | null
  receiver: number
  amount: number
  id: number | null
}

/**
 * The header, read as the CSV Airdrop app reads it (fast-csv `headers: true`): columns by name in any order,
 * `value` or `amount`, `token_type` optional (the legacy `token_address,receiver,amount` file), other columns
 * ignored. A missing or repeated column refuses the file.
 */
function columnsOf(header: string[]): ColumnIndex | string {
  const at = new Map<string, number>()
  for (const [i, name] of header.entries()) {
    if (!KNOWN_COLUMNS.has(name)) continue
    if (at.has(name)) return `the column ${name} appears twice`
    at.set(name, i)
  }
  const amount = at.get('value') ?? at.get('amount')
  const receiver = at.get('receiver')
  const missing = [
    receiver === undefined ? 'receiver' : null,
    amount === undefined ? 'amount (or value)' : null,
    !at.has('token_type') && !at.has('token_address') ? 'token_address' : null,
  ].filter(Boolean)
  if (missing.length || receiver === undefined || amount === undefined)
    return `the header has no ${missing.join(', ')} column: a Safe CSV Airdrop file has "${CSV_COLUMNS.join(',')}" (or the older "token_address,receiver,amount"), found "${header.join(',').slice(0, 120)}"`
  return {
    type: at.get('token_type') ?? null,
    token: at.get('token_address') ?? null,
    receiver,
    amount,
    id: at.get('id') ?? null,
  }
}

/** Human amount ("12.5") to base units, exactly: no float ever touches it. */
export function parseHumanAmount(text: string, decimals: number, symbol: string): bigint | string {
  if (text === '') return 'amount is empty'
  if (/^-/.test(text)) return `amount ${text} is negative`
  if (!/^\d+(\.\d+)?$/.test(text)) return `amount "${text.slice(0, 40)}" is not a decimal number (like 1250.5)`
  const [whole, fraction = ''] = text.split('.')
  if (fraction.length > decimals) {
    if (/^0*$/.test(fraction.slice(decimals))) {
      // Trailing zeros past the token's precision change nothing.
    } else return `amount ${text} has ${fraction.length} decimals; ${symbol} has ${decimals}`
  }
  const padded = (fraction + '0'.repeat(decimals)).slice(0, decimals)
  const value = BigInt(whole + padded)
  if (value === 0n) return `amount ${text} is zero`
  return value
}

function checkedAddress(text: string, column: string): string | { problem: string } {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text))
    return { problem: `${column} "${text.slice(0, 50)}" is not an address (0x and 40 hex digits)` }
  try {
    return getAddress(text)
  } catch {
    return { problem: `${column} ${text} has a wrong checksum (check every character)` }
  }
}

/**
 * Parses and validates a Safe CSV Airdrop file (`token_type,token_address,receiver,amount,id` in any order, `value`
 * for `amount`, or the older `token_address,receiver,amount`; amounts in human units; native and erc20 rows,
 * collectible rows refused by row and kind). Any bad row refuses the whole file with every problem named by row.
 */
export function parseAirdropCsv(text: string, erc20: KnownToken[], native: KnownToken): AirdropRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false })
  const records = parsed.data
  const problems: CsvProblem[] = []
  const fail = (row: number, reason: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ row, reason })
  }
  for (const e of parsed.errors) if (e.type === 'Quotes') fail((e.row ?? 0) + 1, 'a quoted field is not closed')

  const isBlank = (r: string[]) => r.every((f) => f.trim() === '')
  const headerIndex = records.findIndex((r) => !isBlank(r))
  if (headerIndex < 0) throw new CsvRejected([{ row: 0, reason: 'the file has no header and no rows' }])
  const header = records[headerIndex].map((h) => h.trim().toLowerCase())
  const columns = columnsOf(header)
  if (typeof columns === 'string') throw new CsvRejected([{ row: headerIndex + 1, reason: columns }])

  const tokens = new Map(erc20.map((t) => [t.token.toLowerCase(), t]))
  const seen = new Map<string, number>()
  const tokenSpellings = new Map<string, string | { problem: string }>()
  const rows: AirdropRow[] = []
  let dataRows = 0
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]
    const row = i + 1
    if (isBlank(record)) continue
    if (++dataRows > MAX_CSV_ROWS) {
      fail(row, `the file has more than ${MAX_CSV_ROWS} rows; split it into several batches`)
      break
    }
    if (record.length !== header.length) {
      fail(row, `has ${record.length} fields, the header has ${header.length}`)
      continue
    }
    const cell = (index: number | null) => (index === null ? '' : record[index].trim())
    const typeRaw = cell(columns.type)
    const tokenRaw = cell(columns.token)
    const receiverRaw = cell(columns.receiver)
    const amountRaw = cell(columns.amount)
    const idRaw = cell(columns.id)
    // No token_type (the legacy three-column file, or an empty cell): the app reads an empty token_address as the
    // chain's coin and any other as an ERC-20, as the CSV Airdrop app does.
    const type =
      typeRaw === ''
        ? tokenRaw === '' || tokenRaw.toLowerCase() === ZeroAddress
          ? 'native'
          : 'erc20'
        : typeRaw.toLowerCase()
    let token: KnownToken
    if (type === 'native') {
      if (tokenRaw !== '' && tokenRaw.toLowerCase() !== ZeroAddress) {
        fail(row, `a native row leaves token_address empty, found ${tokenRaw.slice(0, 50)}`)
        continue
      }
      token = native
    } else if (type === 'erc20') {
      if (tokenRaw === '') {
        // The CSV Airdrop app would quietly send the chain's coin here: refused rather than guessed.
        fail(row, "an erc20 row needs its token_address (write native for the chain's coin)")
        continue
      }
      // One file names the same few tokens on every row: check each distinct spelling once.
      let checked = tokenSpellings.get(tokenRaw)
      if (checked === undefined) {
        checked = checkedAddress(tokenRaw, 'token_address')
        tokenSpellings.set(tokenRaw, checked)
      }
      if (typeof checked !== 'string') {
        fail(row, checked.problem)
        continue
      }
      const known = tokens.get(checked.toLowerCase())
      if (!known) {
        fail(row, `unknown token ${checked}: it is not in this workspace's tokens`)
        continue
      }
      token = known
    } else if (type === 'erc721' || type === 'erc1155' || type === 'nft') {
      const what = type === 'erc1155' ? 'an ERC-1155 collectible transfer' : 'an ERC-721 collectible (NFT) transfer'
      fail(
        row,
        `token_type ${typeRaw} (${what}${idRaw ? `, token id ${idRaw.slice(0, 40)}` : ''}) is not supported: disbursement batches pay native and ERC-20 amounts against budget lines; send collectibles with a contract-call proposal (safeTransferFrom)`,
      )
      continue
    } else {
      fail(row, `token_type "${typeRaw.slice(0, 30)}" is unknown (native, erc20, erc721 or erc1155)`)
      continue
    }
    const receiver = checkedAddress(receiverRaw, 'receiver')
    if (typeof receiver !== 'string') {
      fail(row, receiver.problem)
      continue
    }
    if (receiver === ZeroAddress) {
      fail(row, 'receiver is the zero address (the funds would be burnt)')
      continue
    }
    const amount = parseHumanAmount(amountRaw, token.decimals, token.symbol)
    if (typeof amount === 'string') {
      fail(row, amount)
      continue
    }
    const key = `${token.token.toLowerCase()}:${receiver.toLowerCase()}`
    const first = seen.get(key)
    if (first !== undefined) {
      fail(row, `duplicate of row ${first}: same receiver ${receiver} and token ${token.symbol}`)
      continue
    }
    seen.set(key, row)
    rows.push({
      row,
      token: token.token,
      symbol: token.symbol,
      decimals: token.decimals,
      receiver,
      amount,
      id: idRaw || null,
    })
  }
  if (problems.length) throw new CsvRejected(problems)
  if (rows.length === 0) throw new CsvRejected([{ row: 0, reason: 'the file has a header but no rows' }])
  return rows
}
