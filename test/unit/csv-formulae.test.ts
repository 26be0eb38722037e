import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { openDatabase } from '../../src/main/core/db/open'
import { saveChain } from '../../src/main/core/chain/store'
import { appendAuditEvent } from '../../src/main/core/audit/log'
import { addressBookCsv, listAddressBook, setAddressLabel } from '../../src/main/core/safe/addressbook'
import { budgetReview, budgetReviewCsv } from '../../src/main/core/budgets/review'
import { insertLine, insertPeriod } from '../../src/main/core/budgets/store'
import { ACTIVITY_HEADERS } from '../../src/main/core/reports/activity'
import { csvCell, csvLine } from '../../src/main/core/reports/csv'
import { writeActivityRows } from '../../src/main/core/reports/csv-rows'
import { FileSink } from '../../src/main/core/reports/sink'

/**
 * OWASP CSV injection: a cell starting with = + - @ TAB or CR runs as a formula in a spreadsheet. Every CSV the app
 * writes (address book export, budget vs actual, the treasury activity / audit export) must prefix each of these
 * leads with an apostrophe, and leave a cell that merely contains one alone.
 */
const LEADS = ['=', '+', '-', '@', '\t', '\r'] as const
const PAYLOAD = 'HYPERLINK("http://evil.example","x")'
const nameOf = (lead: string) => JSON.stringify(lead)
const parse = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',' }).data

describe('CSV formula neutralisation, every lead, every CSV the app writes', () => {
  it('reports: csvCell and csvLine prefix each lead with an apostrophe and keep inner ones', () => {
    for (const lead of LEADS) {
      const cell = csvCell(`${lead}${PAYLOAD}`)
      expect(parse(cell)[0][0], nameOf(lead)).toBe(`'${lead}${PAYLOAD}`)
      expect(parse(csvLine(['a', `${lead}1`]))[0], nameOf(lead)).toEqual(['a', `'${lead}1`])
      expect(csvCell(`a${lead}b`), nameOf(lead)).not.toMatch(/^'/)
    }
    expect(csvCell('')).toBe('')
  })

  it('address book export: a label starting with each lead comes back behind an apostrophe', () => {
    const db = openDatabase(':memory:')
    const addresses = [
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
      '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
      '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
      '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
      '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
    ]
    LEADS.forEach((lead, i) => setAddressLabel(db, 31337, addresses[i], `${lead}${PAYLOAD} ${i}`))
    setAddressLabel(db, 31337, addresses[6], 'Alice = treasurer')
    const rows = parse(addressBookCsv(listAddressBook(db)))
    expect(rows[0]).toEqual(['address', 'name', 'chainId'])
    const names = new Map(rows.slice(1).map((r) => [r[0], r[1]]))
    LEADS.forEach((lead, i) => expect(names.get(addresses[i]), nameOf(lead)).toBe(`'${lead}${PAYLOAD} ${i}`))
    expect(names.get(addresses[6])).toBe('Alice = treasurer')
  })

  it('budget vs actual: a category or period name starting with each lead is neutralised', () => {
    for (const lead of LEADS) {
      const db = openDatabase(':memory:')
      saveChain(db, { chainId: 31337, name: 't', rpcUrl: 'http://127.0.0.1:1', isSandbox: true, contractNetwork: null })
      const period = insertPeriod(db, { name: `${lead}Q4`, startsOn: '2026-10-01', endsOn: '2026-12-31' })
      insertLine(db, {
        periodId: period.id,
        category: `${lead}${PAYLOAD}`,
        chainId: 31337,
        token: 'native',
        symbol: 'ETH',
        decimals: 18,
        allocation: 5n,
      })
      const rows = parse(budgetReviewCsv(budgetReview(db, period.id)).csv)
      const header = rows[0]
      const line = rows[1]
      expect(line[header.indexOf('period')], nameOf(lead)).toBe(`'${lead}Q4`)
      expect(line[header.indexOf('category')], nameOf(lead)).toBe(`'${lead}${PAYLOAD}`)
      expect(line[header.indexOf('allocated_base_units')]).toBe('5')
    }
  })

  it('treasury activity / audit export: an actor, action, subject or note starting with each lead is neutralised', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'csv-formulae-')), 'workspace.sqlite'))
    for (const lead of LEADS)
      appendAuditEvent(db, {
        actor: `${lead}actor`,
        action: `${lead}action`,
        subject: `${lead}subject`,
        payload: { note: `${lead}${PAYLOAD}` },
      })
    const file = join(mkdtempSync(join(tmpdir(), 'csv-formulae-out-')), 'activity.csv')
    const sink = new FileSink(file)
    sink.write(csvLine(ACTIVITY_HEADERS))
    writeActivityRows(db, { firstSeq: 1, lastSeq: LEADS.length }, sink, () => {})
    sink.commit()
    const rows = parse(readFileSync(file, 'utf8')).filter((r) => r.length > 1)
    const header = rows[0]
    const col = (name: string) => header.indexOf(name)
    expect(rows).toHaveLength(LEADS.length + 1)
    LEADS.forEach((lead, i) => {
      const row = rows[i + 1]
      expect(row[col('audit_actor')], nameOf(lead)).toBe(`'${lead}actor`)
      expect(row[col('audit_action')], nameOf(lead)).toBe(`'${lead}action`)
      expect(row[col('audit_subject')], nameOf(lead)).toBe(`'${lead}subject`)
      expect(row[col('note')], nameOf(lead)).toBe(`'${lead}${PAYLOAD}`)
    })
    // no cell anywhere in the file starts with a lead
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
  })
})
