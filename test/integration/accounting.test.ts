import { afterAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { Contract, Interface, Wallet, getAddress, hexlify, parseEther, parseUnits, randomBytes } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { councilAct, sandboxWorkspace } from './helpers'
import { executeSafeTx } from './disbursements-chain'

/*
 * Accounting exports of the sandbox Safe for today: money in (ETH by SafeReceived, AITBC by Transfer), a grant
 * milestone paid out by an executed batch, and an ETH payment executed through the proposals queue. Expected rows
 * are read back from the transaction receipts with ethers' own log decoding, independent of the export code.
 */

const aitbc = (v: string) => parseUnits(v, 18).toString()
const fresh = () => getAddress(hexlify(randomBytes(20)))
const erc20 = new Interface(['event Transfer(address indexed from, address indexed to, uint256 value)'])

describe('accounting exports on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token, safeAddress, rpcUrl, chainId } = ws.sandbox
  const [alice, bob] = signers
  afterAll(() => ws.ctx.close())

  it('bank statement and double-entry journal carry each movement with its payee, description and tx hash', async () => {
    const provider = rpcProvider(rpcUrl, chainId)
    const money = new Wallet(funder.privateKey, provider)
    const ethIn = await (await money.sendTransaction({ to: safeAddress, value: parseEther('2') })).wait()
    const tokenContract = new Contract(token.address, ['function transfer(address,uint256) returns (bool)'], money)
    const tokenIn = await (await tokenContract.transfer(safeAddress, parseUnits('42', 18))).wait()

    await ws.call('safe.overview', { refresh: true })
    const period = await ws.call('budgets.createPeriod', { name: 'acct', startsOn: '2026-01-01', endsOn: '2026-12-31' })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'development',
      token: token.address,
      allocation: aitbc('10000'),
    })
    const program = await ws.call('grants.createProgram', {
      name: 'Ledger grants',
      category: 'development',
      budgetLineId: line.id,
      criteria: [{ label: 'Impact', weight: 1 }],
    })
    const grantee = fresh()
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title: 'Indexer',
      applicant: 'Eve',
      recipient: grantee,
      milestones: [{ title: 'Alpha', amount: aitbc('250'), dueOn: '2026-07-31' }],
    })
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: [{ criterionId: program.criteria[0].id, score: 9 }] },
      [alice],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'fits the roadmap' }, [
      bob,
    ])
    grant = await ws.call('grants.get', { grantId: grant.id })
    const m = grant.milestones[0]
    await ws.call('grants.milestone', { action: 'submit', milestoneId: m.id, deliverableUrl: 'https://example.org/a' })
    await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
    const draft = await ws.call('disbursements.create', {
      title: 'Indexer alpha',
      source: { kind: 'milestones', milestoneIds: [m.id] },
    })
    const proposed = await ws.call('disbursements.propose', { batchId: draft.id })
    const paid = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: proposed.safeTx!,
      signerKeys: [alice.privateKey, bob.privateKey],
      executorKey: funder.privateKey,
    })
    await ws.call('disbursements.confirmExecution', { txHash: paid.hash, block: paid.blockNumber })

    // ETH out through the queue: a Safe logs no amount for it, the recorded execution says what left.
    const ethRecipient = fresh()
    await ws.call('addressbook.set', { address: ethRecipient, label: 'Auditor LLP' })
    const pay = await ws.call('proposals.create', {
      safe: safeAddress,
      title: 'Pay the auditor',
      proposer: alice.address,
      category: 'audits',
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: ethRecipient, amount: parseEther('0.3').toString() }],
      },
    })
    const payTx = await executeSafeTx({
      rpcUrl,
      chainId,
      safeAddress,
      safeTx: pay.safeTx,
      signerKeys: [alice.privateKey, bob.privateKey],
      executorKey: funder.privateKey,
    })
    await ws.call('proposals.sync', { safe: safeAddress })
    expect((await ws.call('proposals.get', { id: pay.id })).status).toBe('executed')

    // The milestone's transfer as the chain logged it, decoded by ethers.
    const receipt = (await provider.getTransactionReceipt(paid.hash))!
    const logged = receipt.logs
      .filter((l) => l.address === token.address)
      .map((l) => erc20.parseLog(l)!)
      .find((l) => l.args.from === safeAddress)!
    expect(logged.args.to).toBe(grantee)
    const day = new Date((await provider.getBlock(paid.blockNumber))!.timestamp * 1000).toISOString().slice(0, 10)
    provider.destroy()

    const statement = await ws.call('accounting.export', {
      safe: safeAddress,
      from: day,
      format: 'bank-statement',
      token: token.address,
    })
    // The sandbox's address book names the funder; the payee column shows that label.
    const rows = statement.csv.trim().split('\r\n')
    expect(rows[0]).toBe('Date,Amount,Payee,Description,Reference')
    expect(rows).toContain(`${day},-250,${grantee},Indexer alpha · Grant: Ledger grants,${paid.hash}`)
    expect(rows).toContain(`${day},42,Funder (hardhat #0),Received,${tokenIn!.hash}`)
    expect(statement.fileName).toMatch(/^bank-statement_0x[0-9a-fA-F]{8}_AITBC_/)

    const eth = await ws.call('accounting.export', { safe: safeAddress, from: day, format: 'bank-statement' })
    const ethRows = eth.csv.trim().split('\r\n')
    expect(ethRows).toContain(`${day},2,Funder (hardhat #0),Received,${ethIn!.hash}`)
    expect(ethRows).toContain(`${day},-0.3,Auditor LLP,Pay the auditor · audits,${payTx.hash}`)

    // A steward's price file for AITBC that day: the journal values each AITBC leg with it (250 × 0.42 = 105);
    // ETH, which has no price, says so instead of 0.
    await ws.call('pricing.importCsv', {
      chainId,
      csv: `date,token,price\n${day},${token.address},0.42\n`,
      source: 'steward sheet',
    })
    const journal = await ws.call('accounting.export', { safe: safeAddress, from: day, format: 'journal' })
    const lines = journal.csv.trim().split('\r\n')
    expect(lines[0]).toBe('date,account,debit,credit,token,amount,value,tx_hash')
    expect(lines).toContain(`${day},Expenses:Grant: Ledger grants,250,,AITBC,${aitbc('250')},105,${paid.hash}`)
    expect(
      lines.some(
        (l) => l.startsWith(`${day},Assets:Safe `) && l.endsWith(`,,250,AITBC,${aitbc('250')},105,${paid.hash}`),
      ),
    ).toBe(true)
    expect(lines).toContain(`${day},Expenses:audits,0.3,,ETH,${parseEther('0.3')},no price,${payTx.hash}`)
    // Every entry balances: per token, debits equal credits.
    const sums = new Map<string, bigint>()
    for (const l of lines.slice(1)) {
      const [, , debit, credit, symbol, amount] = l.split(',')
      sums.set(symbol, (sums.get(symbol) ?? 0n) + (debit ? BigInt(amount) : 0n) - (credit ? BigInt(amount) : 0n))
    }
    for (const total of sums.values()) expect(total).toBe(0n)

    // Each export is audited with the SHA-256 of the text returned.
    const { events } = await ws.call('audit.list', { limit: 4 })
    const exported = events.filter((e) => e.action === 'export.created')
    expect(exported.map((e) => (e.payload as { sha256: string }).sha256)).toEqual(
      [journal.csv, eth.csv, statement.csv].map((t) => createHash('sha256').update(t).digest('hex')),
    )
  })

  it('refuses a Safe the workspace does not hold', async () => {
    await expect(ws.call('accounting.export', { safe: fresh(), format: 'journal' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
