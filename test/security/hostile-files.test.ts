import { afterAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/main/core/audit'
import { sandboxWorkspace } from '../integration/helpers'

/** Files other signers send: huge, deeply nested, formula-laden, or not matching their hash. All refused cleanly. */
describe('hostile files', () => {
  const ws = sandboxWorkspace()
  afterAll(() => ws.ctx.close())

  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
  const codeOf = async (name: Parameters<typeof ws.api.dispatch>[0], input: unknown) => {
    const r = await ws.api.dispatch(name, input)
    return r.ok ? 'OK' : r.error.code
  }
  const audited = () => verifyAuditChain(ws.db).events

  it('signing requests: huge, nested, truncated, or tampered (hash mismatch) are refused, nothing stored', async () => {
    const made = await ws.call('signing.createRequest', {
      tx: { kind: 'transfer', token: null, to: ws.sandbox.signers[2].address, amount: '1000' },
    })
    const exported = await ws.call('signing.exportRequest', { safeTxHash: made.request.safeTxHash })
    const before = audited()
    const doc = JSON.parse(exported.json)
    const tampered = JSON.stringify({ ...doc, safeTx: { ...doc.safeTx, value: '999999' } })
    for (const text of [
      tampered,
      exported.json.slice(0, exported.json.length / 2),
      deep(100_000),
      JSON.stringify({ ...doc, summary: { note: 'x'.repeat(900_000) } }),
      exported.json.replace(/^\{/, '{"__proto__":{"polluted":true},'),
      '\u0000'.repeat(1000),
    ]) {
      expect(await codeOf('signing.import', { text })).toBe('BAD_INPUT')
    }
    expect(await codeOf('signing.import', { text: 'x'.repeat(1_000_001) })).toBe('BAD_INPUT')
    expect(audited()).toBe(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('signature bundles: for another hash, nested or huge are refused, nothing stored', async () => {
    const before = audited()
    const bundle = {
      type: 'aitbc-treasury/signature-bundle',
      version: 1,
      chainId: 31337,
      safe: ws.sandbox.safeAddress,
      safeTxHash: '0x' + 'ab'.repeat(32),
      signer: ws.sandbox.signers[0].address,
      signature: '0x' + '11'.repeat(65),
    }
    for (const text of [JSON.stringify(bundle), deep(3000), 'y'.repeat(9_999)]) {
      expect(await codeOf('signing.importSignatures', { texts: [text] })).toBe('BAD_INPUT')
    }
    expect(await codeOf('signing.importSignatures', { texts: ['z'.repeat(10_001)] })).toBe('BAD_INPUT')
    expect(audited()).toBe(before)
  })

  it('Transaction Builder JSON: huge, nested, or formula-laden names are refused or kept inert', async () => {
    const before = audited()
    for (const json of [deep(100_000), '{"version":"1.0","chainId":"31337","transactions":' + deep(5000) + '}']) {
      expect(await codeOf('proposals.importTxBuilder', { safe: ws.sandbox.safeAddress, json, dryRun: true })).toBe(
        'BAD_INPUT',
      )
    }
    expect(
      await codeOf('proposals.importTxBuilder', { safe: ws.sandbox.safeAddress, json: 'x'.repeat(3_000_001) }),
    ).toBe('BAD_INPUT')
    expect(audited()).toBe(before)
  })

  it('CSV batches: formula injection, huge and malformed files are refused with nothing stored', async () => {
    const period = await ws.call('budgets.createPeriod', {
      name: 'Hostile',
      startsOn: '2026-01-01',
      endsOn: '2030-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'ops',
      token: 'native',
      allocation: '1000000000000000000000',
    })
    const before = audited()
    const header = 'token_type,token_address,receiver,amount,id'
    for (const csv of [
      `${header}\nnative,,=HYPERLINK("http://evil"),1,a`,
      `${header}\n=cmd|' /C calc'!A0,,${ws.sandbox.signers[0].address},1,a`,
      `${header}\n` + `native,,${ws.sandbox.signers[0].address},1,a\n`.repeat(6000),
      '"'.repeat(10_000),
    ]) {
      const code = await codeOf('disbursements.create', {
        title: 'x',
        source: { kind: 'csv', csv, budgetLineIds: [line.id] },
      })
      expect(code).toBe('BAD_INPUT')
    }
    expect(audited()).toBe(before)
  })

  it('CSV exports neutralise formulas that came in through labels', async () => {
    const set = await ws.api.dispatch('addressbook.set', {
      address: ws.sandbox.signers[1].address,
      label: '=HYPERLINK("http://evil","x")',
    })
    if (!set.ok) {
      // Refusing the label outright is as good as neutralising it on export.
      expect(set.error.code).toBe('BAD_INPUT')
      return
    }
    const out = await ws.call('addressbook.exportCsv', {})
    expect(out.csv).toContain('HYPERLINK')
    for (const row of out.csv.split('\n')) expect(row).not.toMatch(/(^|,)"?[=+\-@]/)
  })
})
