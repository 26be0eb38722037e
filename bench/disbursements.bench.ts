import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { getAddress, hexlify, randomBytes } from 'ethers'
import { openDatabase } from '../src/main/core/db/open'
import { saveChain, saveToken } from '../src/main/core/chain/store'
import { insertSafe } from '../src/main/core/safe/store'
import { insertLine, insertPeriod } from '../src/main/core/budgets/store'
import { buildBatchSafeTx, checkPlan, itemsFromCsv, parseAirdropCsv } from '../src/main/core/disbursements'
import { median, type Bench } from './types'

const TOKEN = { token: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'AITBC', decimals: 18 }
const SAFE = '0x3b528a984d3F9e7b7dA1f2310685fFAF327C3238'
const MSCO = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'

/** A 1,000-row Safe CSV Airdrop file: native and ERC-20 rows, checksummed receivers, amounts with decimals. */
function csvOf(rows: number): string {
  const lines = ['token_type,token_address,receiver,amount,id']
  for (let i = 0; i < rows; i++) {
    const receiver = getAddress(hexlify(randomBytes(20)))
    lines.push(
      i % 4 === 0
        ? `native,,${receiver},0.0${(i % 9) + 1},row-${i}`
        : `erc20,${TOKEN.token},${receiver},${i + 1}.5,row-${i}`,
    )
  }
  return lines.join('\n')
}

/** Validate a 1,000-row CSV and build its MultiSend SafeTx with safeTxHash. Target ≤ 250 ms. */
export const bench: Bench = {
  name: 'disbursements',
  async run() {
    const csv = csvOf(1000)
    const pure: number[] = []
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now()
      const rows = parseAirdropCsv(csv, [TOKEN], { token: 'native', symbol: 'ETH', decimals: 18 })
      const { safeTxHash } = buildBatchSafeTx({
        chainId: 31337,
        safeAddress: SAFE,
        multiSendCallOnly: MSCO,
        nonce: 0,
        transfers: rows.map((r) => ({ token: r.token, receiver: r.receiver, amount: r.amount })),
      })
      pure.push(performance.now() - t0)
      if (!safeTxHash.startsWith('0x')) throw new Error('no hash')
    }

    // The same work as the app does it: rows charged to budget lines and checked against a workspace database.
    const db = openDatabase(':memory:')
    saveChain(db, {
      chainId: 31337,
      name: 'bench',
      rpcUrl: 'http://127.0.0.1:1',
      isSandbox: true,
      contractNetwork: null,
    })
    saveToken(db, { chainId: 31337, address: TOKEN.token, symbol: TOKEN.symbol, name: 'AITBC', decimals: 18 })
    insertSafe(db, 31337, SAFE, 'bench')
    const period = insertPeriod(db, { name: 'bench', startsOn: '2026-01-01', endsOn: '2026-12-31' })
    const line = (token: string, symbol: string) =>
      insertLine(db, {
        periodId: period.id,
        category: 'c',
        chainId: 31337,
        token,
        symbol,
        decimals: 18,
        allocation: 10n ** 30n,
      })
    const lineIds = [line('native', 'ETH'), line(TOKEN.token, 'AITBC')]
    const full: number[] = []
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now()
      const items = itemsFromCsv(db, 31337, csv, lineIds)
      const plan = checkPlan(db, { chainId: 31337, safeAddress: SAFE, items })
      buildBatchSafeTx({
        chainId: 31337,
        safeAddress: SAFE,
        multiSendCallOnly: MSCO,
        nonce: 0,
        transfers: plan.items.map((r) => ({ token: r.token, receiver: r.receiver, amount: BigInt(r.amount) })),
      })
      full.push(performance.now() - t0)
    }
    db.close()
    const round = (v: number) => Math.round(v * 10) / 10
    const value = round(median(pure))
    const withBudget = round(median(full))
    return [
      {
        name: 'disbursements.csv-1000.validate+multisend+safeTxHash',
        value,
        unit: 'ms',
        target: '<= 250 ms',
        met: value <= 250,
        details: {
          runs: pure.map(round),
          csvBytes: csv.length,
          cpus: cpus().length,
          loadAverage1m: round(loadavg()[0]),
        },
      },
      {
        name: 'disbursements.csv-1000.with-budget-check',
        value: withBudget,
        unit: 'ms',
        target: '<= 250 ms',
        met: withBudget <= 250,
        details: { runs: full.map(round), cpus: cpus().length, loadAverage1m: round(loadavg()[0]) },
      },
    ]
  },
}
