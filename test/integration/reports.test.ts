import { afterAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { Contract, Wallet, formatEther, parseEther, parseUnits } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { verifyAuditBundleFile } from '../../src/main/core/audit'
import type { ExportJob } from '../../src/shared/contract'
import { sandboxWorkspace } from './helpers'

type Workspace = ReturnType<typeof sandboxWorkspace>

async function settle(ws: Workspace, job: ExportJob): Promise<ExportJob> {
  for (let i = 0; i < 1200; i++) {
    const now = await ws.call('exports.status', { id: job.id })
    if (now.state !== 'running') return now
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('export did not finish')
}

describe('reports on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  afterAll(() => ws.ctx.close())

  it('the transparency report prints the balances the chain reports, and transfers it saw', async () => {
    const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
    const funder = new Wallet(ws.sandbox.funder.privateKey, provider)
    await (await funder.sendTransaction({ to: ws.sandbox.safeAddress, value: parseEther('1.25') })).wait()
    const token = new Contract(
      ws.sandbox.token.address,
      ['function transfer(address,uint256) returns (bool)', 'function balanceOf(address) view returns (uint256)'],
      funder,
    )
    await (await token.transfer(ws.sandbox.safeAddress, parseUnits('42', 18))).wait()
    const eth = formatEther(await provider.getBalance(ws.sandbox.safeAddress))
    provider.destroy()

    const job = await settle(ws, await ws.call('exports.start', { format: 'pdf' }))
    expect(job).toMatchObject({ state: 'done', error: null })
    const file = join(ws.dir, 'exports', job.fileName)
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout
    expect(text).toContain(ws.sandbox.safeAddress)
    expect(text).toContain('2 of 3 owners must sign') // read from the chain: this workspace never synced a snapshot
    // The report groups the whole part and shows at most 6 decimals, truncated, trailing zeros dropped.
    const [whole, fraction = ''] = eth.split('.')
    const decimals = fraction.slice(0, 6).replace(/0+$/, '')
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (decimals ? `.${decimals}` : '')
    expect(text).toMatch(new RegExp(`ETH\\s+0\\s+${grouped.replace('.', '\\.')}\\s`))
    // 1,000,000 at deployment and our 42 are both transfers in (other test files may have sent more).
    expect(text).toMatch(/Uncategorised\s+AITBC\s+1,000,0\d\d/)
    expect(text).toContain(`Audit head #1: ${job.headHash}`)
  })

  it('analytics: balance over time ends at the chain balance, inflows include a real transfer', async () => {
    const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
    const balance = (await provider.getBalance(ws.sandbox.safeAddress)).toString()
    provider.destroy()
    const overview = await ws.call('analytics.overview', {})
    const series = Object.fromEntries(overview.series.map((s) => [s.id, s]))
    const eth = series['treasury-balance'].datasets.find((d) => d.label === 'ETH')!
    expect(eth.values[eth.values.length - 1]).toBe(balance)
    const flows = series['inflows-outflows'].datasets.find((d) => d.label === 'ETH')!
    expect(BigInt(flows.values[0])).toBeGreaterThanOrEqual(parseEther('101.25'))
    expect(series['audit-activity'].datasets[0].values).toEqual(['2']) // the chain's connection and the PDF's export
    expect(series['signer-participation'].labels).toEqual([...ws.sandbox.signers.map((s) => s.address), 'local-user'])
    expect(series['budget-utilisation'].empty).toMatch(/No budget period/)
  })

  it('exports a JSON bundle that verifies, signed by an unlocked steward key, refused with a locked one', async () => {
    await ws.call('safe.add', { address: ws.sandbox.safeAddress, label: 'Renamed' })
    const job = await settle(ws, await ws.call('exports.start', { format: 'json' }))
    // The PDF's export event (#2), then safe.add (#3).
    expect(job).toMatchObject({ state: 'done', events: 3 })
    expect(await verifyAuditBundleFile(join(ws.dir, 'exports', job.fileName))).toMatchObject({ ok: true, events: 3 })
    // A steward signature needs the steward's key unlocked in this app: locked or unknown keys are refused.
    const steward = ws.sandbox.signers[0]
    await expect(ws.call('exports.start', { format: 'json', stewardAddress: steward.address })).rejects.toMatchObject({
      code: expect.stringMatching(/^(LOCKED|NOT_FOUND)$/),
    })
    await ws.keys.importPrivateKey(steward.privateKey, 'Steward', 'steward passphrase')
    await ws.keys.unlock(steward.address, 'steward passphrase')
    const signed = await settle(ws, await ws.call('exports.start', { format: 'json', stewardAddress: steward.address }))
    const verdict = await verifyAuditBundleFile(join(ws.dir, 'exports', signed.fileName))
    expect(verdict).toMatchObject({ ok: true })
    expect(JSON.stringify(verdict)).toContain(steward.address)
    await expect(ws.call('exports.start', { format: 'csv', from: '2026-02-30' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    })
    await expect(
      ws.call('exports.start', { format: 'json', from: '2001-01-01', to: '2001-01-02' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
