import { describe, expect, it } from 'vitest'
import { bankStatementCsv, journalCsv } from './accounting'
import type { LedgerEntry } from './safe-ledger'

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  at: '2026-08-20T10:00:00.000Z',
  block: 10,
  txHash: '0x' + 'ab'.repeat(32),
  token: { symbol: 'AITBC', address: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', decimals: 18 },
  direction: 'out',
  counterparty: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  counterpartyLabel: null,
  amount: 1_500_000_000_000_000_000n,
  description: 'Sent',
  category: null,
  ...over,
})

describe('accounting CSVs', () => {
  it('bank statement: signed amounts stay numbers, text that looks like a formula is neutralised', () => {
    const csv = bankStatementCsv([
      entry({ counterpartyLabel: '=HYPERLINK("x")', description: '-cmd', category: 'ops, infra' }),
      entry({ direction: 'in', amount: 42n * 10n ** 18n }),
    ])
    expect(csv.split('\r\n')).toEqual([
      'Date,Amount,Payee,Description,Reference',
      `2026-08-20,-1.5,"'=HYPERLINK(""x"")","'-cmd · ops, infra",0x${'ab'.repeat(32)}`,
      `2026-08-20,42,0x90F79bf6EB2c4f870365E785982E1f101E93b906,Sent,0x${'ab'.repeat(32)}`,
      '',
    ])
  })

  it('journal: two legs per movement, debit and credit equal, base units beside token units, value or "no price"', () => {
    const lines = journalCsv([entry({ category: 'Grant: Research' }), entry({ direction: 'in' })], 'Main', [
      { priced: true, currency: 'USD', value: '0.75', source: { kind: 'csv' } } as never,
      { priced: false, currency: 'USD', reason: 'no price for AITBC on 2026-08-20', notes: [] },
    ]).split('\r\n')
    expect(lines.slice(0, 5)).toEqual([
      'date,account,debit,credit,token,amount,value,tx_hash',
      `2026-08-20,Expenses:Grant: Research,1.5,,AITBC,1500000000000000000,0.75,0x${'ab'.repeat(32)}`,
      `2026-08-20,Assets:Safe Main,,1.5,AITBC,1500000000000000000,0.75,0x${'ab'.repeat(32)}`,
      `2026-08-20,Assets:Safe Main,1.5,,AITBC,1500000000000000000,no price,0x${'ab'.repeat(32)}`,
      `2026-08-20,Income:Receipts,,1.5,AITBC,1500000000000000000,no price,0x${'ab'.repeat(32)}`,
    ])
  })
})
