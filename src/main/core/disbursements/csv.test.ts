import { describe, expect, it } from 'vitest'
import { CsvRejected, parseAirdropCsv, parseHumanAmount } from './csv'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const USDC = { token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', symbol: 'USDC', decimals: 6 }
const ERC20 = [{ token: TOKEN, symbol: 'AITBC', decimals: 18 }, USDC]
const NATIVE = { token: 'native', symbol: 'ETH', decimals: 18 }
const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const HEADER = 'token_type,token_address,receiver,amount,id'

function problems(csv: string) {
  try {
    parseAirdropCsv(csv, ERC20, NATIVE)
  } catch (error) {
    expect(error).toBeInstanceOf(CsvRejected)
    return (error as CsvRejected).problems
  }
  throw new Error('the file was accepted')
}

describe('Safe CSV Airdrop parsing', () => {
  it('reads native and erc20 rows in human units into exact base units', () => {
    const rows = parseAirdropCsv(
      `\uFEFF${HEADER}\nnative,,${ALICE},1.5,r1\nerc20,${TOKEN},${BOB},250,\n\nerc20,${USDC.token},${ALICE},0.000001,x\n`,
      ERC20,
      NATIVE,
    )
    expect(rows).toEqual([
      {
        row: 2,
        token: 'native',
        symbol: 'ETH',
        decimals: 18,
        receiver: ALICE,
        amount: 1_500000000000000000n,
        id: 'r1',
      },
      { row: 3, token: TOKEN, symbol: 'AITBC', decimals: 18, receiver: BOB, amount: 250n * 10n ** 18n, id: null },
      { row: 5, token: USDC.token, symbol: 'USDC', decimals: 6, receiver: ALICE, amount: 1n, id: 'x' },
    ])
  })

  it('accepts the four-column form and lower-case addresses (no checksum to check)', () => {
    const rows = parseAirdropCsv(
      `token_type,token_address,receiver,amount\nerc20,${TOKEN.toLowerCase()},${ALICE.toLowerCase()},1`,
      ERC20,
      NATIVE,
    )
    expect(rows[0]).toMatchObject({ token: TOKEN, receiver: ALICE, amount: 10n ** 18n, id: null })
  })

  it('names every bad row with its reason and refuses the whole file', () => {
    const bad = [
      HEADER,
      `native,,${ALICE},1,ok`, // row 2 fine
      `native,,${ALICE.replace('C8', 'c8')},1,`, // 3 checksum
      `erc20,${TOKEN},${BOB},0,`, // 4 zero
      `erc20,${TOKEN},${ALICE},-3,`, // 5 negative
      `erc20,0x000000000000000000000000000000000000dEaD,${BOB},1,`, // 6 unknown token (bad checksum too? no: valid)
      `erc20,${USDC.token},${BOB},1.0000001,`, // 7 too many decimals
      `native,,${ALICE},2,`, // 8 duplicate of 2
      `erc721,${TOKEN},${BOB},1,7`, // 9 unsupported type
      `native,,0x0000000000000000000000000000000000000000,1,`, // 10 zero address
      `native,,${BOB},1e3,`, // 11 not decimal
      `native,,${BOB}`, // 12 field count
    ].join('\n')
    const found = problems(bad)
    const byRow = Object.fromEntries(found.map((p) => [p.row, p.reason]))
    expect(Object.keys(byRow).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(byRow[3]).toMatch(/checksum/)
    expect(byRow[4]).toMatch(/zero/)
    expect(byRow[5]).toMatch(/negative/)
    expect(byRow[6]).toMatch(/unknown token/)
    expect(byRow[7]).toMatch(/7 decimals; USDC has 6/)
    expect(byRow[8]).toMatch(/duplicate of row 2/)
    expect(byRow[9]).toMatch(/not supported/)
    expect(byRow[10]).toMatch(/zero address/)
    expect(byRow[11]).toMatch(/not a decimal number/)
    expect(byRow[12]).toMatch(/fields/)
  })

  it('refuses a wrong header, an empty file and a header without rows', () => {
    expect(problems('to,amount\nx,1')[0].reason).toMatch(/header has no receiver, token_address column/)
    expect(problems(`receiver,amount,receiver\n${ALICE},1,${BOB}`)[0].reason).toMatch(/receiver appears twice/)
    expect(problems('\n\n')[0].reason).toMatch(/no header/)
    expect(problems(HEADER + '\n')[0].reason).toMatch(/no rows/)
  })

  it('converts human amounts without floats, ignoring zeros past the precision', () => {
    expect(parseHumanAmount('0.1', 18, 'X')).toBe(100000000000000000n)
    expect(parseHumanAmount('123456789.123456789123456789', 18, 'X')).toBe(123456789123456789123456789n)
    expect(parseHumanAmount('1.500', 2, 'X')).toBe(150n)
    expect(parseHumanAmount('1.505', 2, 'X')).toMatch(/3 decimals; X has 2/)
    expect(parseHumanAmount('1,000', 2, 'X')).toMatch(/not a decimal/)
    expect(parseHumanAmount('', 2, 'X')).toMatch(/empty/)
  })

  it("reads the CSV Airdrop app's other forms: legacy three columns, value, any order, extra columns", () => {
    const legacy = parseAirdropCsv(`token_address,receiver,amount\n,${ALICE},1.5\n${TOKEN},${BOB},2\n`, ERC20, NATIVE)
    expect(legacy).toMatchObject([
      { row: 2, token: 'native', receiver: ALICE, amount: 1_500000000000000000n },
      { row: 3, token: TOKEN, receiver: BOB, amount: 2n * 10n ** 18n },
    ])
    const reordered = parseAirdropCsv(
      `receiver,value,note,token_address,token_type\n${BOB},0.25,"for March, thanks",${USDC.token},ERC20\n${ALICE},3,,,native`,
      ERC20,
      NATIVE,
    )
    expect(reordered).toMatchObject([
      { row: 2, token: USDC.token, receiver: BOB, amount: 250000n },
      { row: 3, token: 'native', receiver: ALICE, amount: 3n * 10n ** 18n },
    ])
    // `value` wins over `amount` when both are there, as in the CSV Airdrop app.
    expect(
      parseAirdropCsv(`token_type,token_address,receiver,amount,value\nnative,,${ALICE},9,1`, ERC20, NATIVE)[0].amount,
    ).toBe(10n ** 18n)
  })

  it('refuses collectible rows by row and kind, and an erc20 row without its token', () => {
    const found = problems(
      [
        HEADER,
        `erc721,${TOKEN},${BOB},,7`,
        `erc1155,${TOKEN},${BOB},5,9`,
        `nft,${TOKEN},${ALICE},,3`,
        `erc20,,${ALICE},1,`,
      ].join('\n'),
    )
    expect(found.map((p) => p.row)).toEqual([2, 3, 4, 5])
    expect(found[0].reason).toMatch(
      /^token_type erc721 \(an ERC-721 collectible \(NFT\) transfer, token id 7\) is not supported/,
    )
    expect(found[1].reason).toMatch(
      /^token_type erc1155 \(an ERC-1155 collectible transfer, token id 9\) is not supported/,
    )
    expect(found[2].reason).toMatch(/^token_type nft /)
    expect(found[3].reason).toMatch(/erc20 row needs its token_address/)
  })
})
