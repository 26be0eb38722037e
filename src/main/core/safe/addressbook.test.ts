import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { openDatabase } from '../db/open'
import { addressBookCsv, applyAddressBookImport, listAddressBook, parseAddressBookCsv } from './addressbook'

const a = Wallet.createRandom().address
const b = Wallet.createRandom().address

describe('address book CSV', () => {
  it("round-trips Safe{Wallet}'s format; chainId defaults to the active chain", () => {
    const rows = parseAddressBookCsv(`\uFEFFAddress,Name\n${a.toLowerCase()},"Alice, treasurer"\n`, 5)
    expect(rows).toEqual([{ chainId: 5, address: a, label: 'Alice, treasurer', line: 2 }])
    const db = openDatabase(':memory:')
    applyAddressBookImport(db, rows, true)
    const csv = addressBookCsv(listAddressBook(db))
    expect(csv).toBe(`address,name,chainId\n${a},"Alice, treasurer",5`)
  })

  it('refuses the file naming line and field of each problem, and neutralises formulas on export', () => {
    expect(() => parseAddressBookCsv(`address,name\n${a},Ok\n${b},\n`, 1)).toThrow(/^Line 3, name: a label is required/)
    expect(() => parseAddressBookCsv(`address,name\n${a},A\n${a},B\n`, 1)).toThrow(
      /Line 3, address: the same address is already on line 2/,
    )
    expect(() => parseAddressBookCsv(`wallet,who\n${a},A\n`, 1)).toThrow(/header/)
    expect(() => parseAddressBookCsv(`address,name,chainId\n${a},A,abc\n`, 1)).toThrow(/Line 2, chainId/)
    expect(addressBookCsv([{ chainId: 1, address: a, label: '=HYPERLINK("x")', updatedAt: '' }])).toContain(
      `'=HYPERLINK`,
    )
  })
})
