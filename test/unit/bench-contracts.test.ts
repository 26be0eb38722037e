import { describe, expect, it } from 'vitest'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Interface, Wallet } from 'ethers'
import { FEES, TX_GAS_LIMIT, signEip1559 } from '../../bench/holders-generator'

const root = join(__dirname, '../..')
const artifact = (name: string) => JSON.parse(readFileSync(join(root, 'bench/contracts', `${name}.json`), 'utf8'))

describe('bench contracts (npm run bench -- holders)', () => {
  it('artifacts were compiled from the current sources (run scripts/compile-bench-token.mjs if not)', () => {
    const oz = JSON.parse(readFileSync(join(root, 'node_modules/@openzeppelin/contracts/package.json'), 'utf8'))
    for (const name of ['BenchVotesToken']) {
      const source = readFileSync(join(root, 'bench/contracts', `${name}.sol`), 'utf8').replace(/\r\n/g, '\n')
      const a = artifact(name)
      expect(a.sourceSha256, name).toBe(createHash('sha256').update(source).digest('hex'))
      expect(a.contractName).toBe(name)
      expect(a.solcVersion).toMatch(/^0\.8\.24\+/)
      expect(a.bytecode).toMatch(/^0x[0-9a-f]{100,}$/)
      expect(a.openzeppelinVersion).toBe(oz.version)
    }
  })

  it('the bench token is an ERC20Votes with the generator batch entry points', () => {
    const iface = new Interface(artifact('BenchVotesToken').abi)
    for (const fn of ['transferMany', 'delegateManyBySig', 'delegateBySig', 'getPastVotes', 'delegates', 'clock'])
      expect(iface.getFunction(fn), fn).not.toBeNull()
    expect(iface.getEvent('DelegateVotesChanged')).not.toBeNull()
  })

  it("hand-signed EIP-1559 transactions are byte for byte ethers' own", async () => {
    const key = randomBytes(32)
    const wallet = new Wallet('0x' + key.toString('hex'))
    // Lengths around RLP's 55-byte short form and a batch-sized calldata; a creation (no `to`) and a call.
    for (const [bytes, nonce, to] of [
      [0, 0, wallet.address],
      [1, 1, wallet.address],
      [55, 127, null],
      [56, 128, wallet.address],
      [300, 65_536, null],
      [50_000, 1_234_567, wallet.address],
    ] as const) {
      const data = '0x' + randomBytes(bytes).toString('hex')
      const tx = { chainId: 31337, nonce, to, data }
      const expected = await wallet.signTransaction({ type: 2, ...tx, gasLimit: TX_GAS_LIMIT, ...FEES })
      expect(signEip1559(key, tx), `${bytes} bytes`).toBe(expected)
    }
  })
})
