import Papa from 'papaparse'
import { z } from 'zod'
import { canonicalPrice, parsePrice } from './decimal'

export interface PriceRow {
  /** Line in the file, the header being line 1 (what a spreadsheet shows). */
  line: number
  day: string
  /** Checksummed address, or 'native'. */
  token: string
  symbol: string
  /** Canonical decimal text. */
  price: string
}

export interface PriceCsvProblem {
  line: number
  reason: string
}

/** The whole file is refused: every problem is named by its line, and nothing is stored. */
export class PriceCsvRejected extends Error {
  constructor(readonly problems: PriceCsvProblem[]) {
    const shown = problems
      .slice(0, 5)
      .map((p) => (p.line > 0 ? `line ${p.line}: ${p.reason}` : p.reason))
      .join('; ')
    super(
      `The price CSV was refused, nothing was stored. ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`,
    )
    this.name = 'PriceCsvRejected'
  }
}

/** What a token cell names, or why it names nothing this workspace knows. */
export type TokenResolver = (text: string) => { token: string; symbol: string } | string

export const PRICE_COLUMNS = ['date', 'token', 'price'] as const
export const MAX_PRICE_ROWS = 200_000
const MAX_PROBLEMS = 200

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'the date is not a day written YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`)
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d
  }, 'the date is not a real calendar day')

const priceText = z.string().transform((text, ctx) => {
  const parsed = parsePrice(text)
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed })
    return z.NEVER
  }
  return canonicalPrice(parsed)
})

const rowSchema = z.object({
  date: isoDay,
  token: z.string().min(1, 'the token is empty').max(80, 'the token cell is too long'),
  price: priceText,
})

/**
 * Reads a price CSV: a header naming `date`, `token` and `price` (any order, other columns ignored), then one price
 * per token and UTC day. Any bad row refuses the whole file with every problem named by line.
 */
export function parsePriceCsv(text: string, resolveToken: TokenResolver): PriceRow[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false })
  const records = parsed.data
  const problems: PriceCsvProblem[] = []
  const fail = (line: number, reason: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason })
  }
  for (const e of parsed.errors) if (e.type === 'Quotes') fail((e.row ?? 0) + 1, 'a quoted field is not closed')
  const isBlank = (r: string[]) => r.every((f) => f.trim() === '')
  const headerIndex = records.findIndex((r) => !isBlank(r))
  if (headerIndex < 0) throw new PriceCsvRejected([{ line: 0, reason: 'the file has no header and no rows' }])
  const header = records[headerIndex].map((h) => h.trim().toLowerCase())
  const at = new Map<string, number>()
  for (const [i, name] of header.entries()) {
    if (!(PRICE_COLUMNS as readonly string[]).includes(name)) continue
    if (at.has(name))
      throw new PriceCsvRejected([{ line: headerIndex + 1, reason: `the column ${name} appears twice` }])
    at.set(name, i)
  }
  const missing = PRICE_COLUMNS.filter((c) => !at.has(c))
  if (missing.length)
    throw new PriceCsvRejected([
      {
        line: headerIndex + 1,
        reason: `the header has no ${missing.join(', ')} column: a price CSV starts with "date,token,price", found "${header.join(',').slice(0, 120)}"`,
      },
    ])

  const rows: PriceRow[] = []
  const seen = new Map<string, number>()
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]
    const line = i + 1
    if (isBlank(record)) continue
    if (rows.length + problems.length >= MAX_PRICE_ROWS) {
      fail(line, `the file has more than ${MAX_PRICE_ROWS} rows; split it`)
      break
    }
    if (record.length !== header.length) {
      fail(line, `has ${record.length} fields, the header has ${header.length}`)
      continue
    }
    const cell = (name: string) => record[at.get(name)!].trim()
    const checked = rowSchema.safeParse({ date: cell('date'), token: cell('token'), price: cell('price') })
    if (!checked.success) {
      fail(line, checked.error.issues.map((issue) => issue.message).join('; '))
      continue
    }
    const token = resolveToken(checked.data.token)
    if (typeof token === 'string') {
      fail(line, token)
      continue
    }
    const key = `${token.token}:${checked.data.date}`
    const first = seen.get(key)
    if (first !== undefined) {
      fail(line, `a second price for ${token.symbol} on ${checked.data.date} (the first is on line ${first})`)
      continue
    }
    seen.set(key, line)
    rows.push({ line, day: checked.data.date, token: token.token, symbol: token.symbol, price: checked.data.price })
  }
  if (problems.length) throw new PriceCsvRejected(problems)
  if (rows.length === 0) throw new PriceCsvRejected([{ line: 0, reason: 'the file has a header but no rows' }])
  return rows
}
