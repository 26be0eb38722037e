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

export const CSV_COLUMNS = ['token_type', 'token_address', 'receiver', 'amount', 'id'] as const
export const MAX_CSV_ROWS = 5000
const MAX_PROBLEMS = 200

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
 * Parses and validates a Safe CSV Airdrop file (`token_type,token_address,receiver,amount,id`, amounts in human
 * units, token types native and erc20). Any bad row refuses the whole file with every problem named by row.
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
  const expected = CSV_COLUMNS.slice(0, header.length)
  if ((header.length !== 4 && header.length !== 5) || header.some((h, i) => h !== expected[i]))
    throw new CsvRejected([
      {
        row: headerIndex + 1,
        reason: `the header must be "${CSV_COLUMNS.join(',')}" (Safe CSV Airdrop format), found "${header.join(',').slice(0, 120)}"`,
      },
    ])

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
    const [typeRaw, tokenRaw, receiverRaw, amountRaw, idRaw] = record.map((f) => f.trim())
    const type = typeRaw.toLowerCase()
    let token: KnownToken
    if (type === 'native') {
      if (tokenRaw !== '' && tokenRaw.toLowerCase() !== ZeroAddress) {
        fail(row, `a native row leaves token_address empty, found ${tokenRaw.slice(0, 50)}`)
        continue
      }
      token = native
    } else if (type === 'erc20') {
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
      fail(row, `token_type ${typeRaw} is not supported here (native and erc20 only)`)
      continue
    } else {
      fail(row, `token_type "${typeRaw.slice(0, 30)}" is unknown (native or erc20)`)
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
