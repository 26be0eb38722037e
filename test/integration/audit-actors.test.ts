import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { Wallet, parseEther } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { signSafeTx, signatureBundle, toJson } from '../../src/main/core/signing'
import { WORKSPACE_USER } from '../../src/main/core/workspace'
import type { ExportJob } from '../../src/shared/contract'
import { sandboxWorkspace } from './helpers'

// Issue 18: every act was credited to the last-unlocked ("active") key. Here three owners act on a real Safe of
// their own, each while another owner's key is the active one, and the trail, the CSV and participation are read
// back through the API.
const ws = sandboxWorkspace()
const [A, B, C] = ws.sandbox.signers
const provider = rpcProvider(ws.sandbox.rpcUrl, 31337)
afterAll(async () => {
  provider.destroy()
  await ws.ctx.close()
})

async function settle(job: ExportJob): Promise<ExportJob> {
  for (let i = 0; i < 1200; i++) {
    const now = await ws.call('exports.status', { id: job.id })
    if (now.state !== 'running') return now
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('export did not finish')
}

async function setActive(address: string) {
  const state = await ws.call('keys.setActive', { address })
  expect(state.active).toBe(address)
}

describe('the audit trail names who acted, whichever key is active', () => {
  let safe: string
  let proposalId: number

  it('three owners: A signs in the app, B signs offline (imported), C executes, each with another key active', async () => {
    expect(new Set([A.address, B.address, C.address]).size).toBe(3)
    for (const [s, label] of [
      [A, 'A'],
      [B, 'B'],
      [C, 'C'],
    ] as const) {
      await ws.call('keys.import', {
        label,
        passphrase: `${label} passphrase`,
        source: { kind: 'privateKey', privateKey: s.privateKey },
      })
      await ws.call('keys.unlock', { address: s.address, passphrase: `${label} passphrase` })
    }

    // A Safe of their own (2 of 3), deployed and funded by the sandbox funder, not by an owner.
    const deployed = await ws.call('safe.deploy', {
      owners: [A.address, B.address, C.address],
      threshold: 2,
      saltNonce: String(Date.now()),
      label: 'Three owners',
      payer: ws.sandbox.funder.address,
    })
    safe = deployed.address
    expect(deployed.owners).toEqual([A.address, B.address, C.address])
    const funder = await provider.getSigner(ws.sandbox.funder.address)
    await (await funder.sendTransaction({ to: safe, value: parseEther('1') })).wait()

    const recipient = Wallet.createRandom().address
    const created = await ws.call('proposals.create', {
      safe,
      title: 'Pay the auditor',
      body: {
        type: 'transactions',
        parts: [{ type: 'eth_transfer', to: recipient, amount: parseEther('0.25').toString() }],
      },
    })
    proposalId = created.id

    await setActive(C.address)
    await ws.call('proposals.sign', { id: proposalId, signer: A.address })

    await setActive(A.address)
    const request = JSON.parse((await ws.call('proposals.exportSigningRequest', { id: proposalId })).json)
    const signature = await signSafeTx(new Wallet(B.privateKey), 31337, safe, request.safeTx)
    await ws.call('proposals.importSignatureBundle', {
      id: proposalId,
      text: toJson(signatureBundle(request, B.address, signature)),
    })

    await setActive(B.address)
    const executed = await ws.call('proposals.execute', { id: proposalId, executor: C.address })
    expect(executed.status).toBe('executed')
    // The chain agrees on who paid: C sent the execution.
    const receipt = await provider.getTransactionReceipt(executed.executions[0].txHash)
    expect(receipt!.from).toBe(C.address)
    expect(await provider.getBalance(recipient)).toBe(parseEther('0.25'))
  })

  it('the trail (audit.list) credits A, B and C, and the workspace user for the rest', async () => {
    const { events } = await ws.call('audit.list', { limit: 200 })
    const actorOf = (action: string) => events.filter((e) => e.action === action).map((e) => e.actor)
    expect(actorOf('proposal.signature_added')).toEqual([A.address])
    expect(actorOf('signature.imported')).toEqual([B.address])
    expect(actorOf('proposal.executed')).toEqual([C.address])
    expect(actorOf('proposal.created')).toEqual([WORKSPACE_USER])
    expect(actorOf('safe.deployed')).toEqual([ws.sandbox.funder.address])
    // Importing and unlocking keys is the workspace user's act, not the key's.
    expect(new Set([...actorOf('signer.added'), ...actorOf('signer.unlocked')])).toEqual(new Set([WORKSPACE_USER]))
  })

  it('the audit CSV credits A, B and C', async () => {
    const job = await settle(await ws.call('exports.start', { format: 'csv' }))
    expect(job.state).toBe('done')
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(ws.dir, 'exports', job.fileName!), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    })
    expect(parsed.errors).toEqual([])
    const rows = parsed.data
    const actorOf = (action: string) => rows.filter((r) => r.audit_action === action).map((r) => r.audit_actor)
    expect(actorOf('proposal.signature_added')).toEqual([A.address])
    expect(actorOf('signature.imported')).toEqual([B.address])
    expect(actorOf('proposal.executed')).toEqual([C.address])
    // The execution's row names C as executor and A and B as the signers, whoever was active.
    const executedRow = rows.find((r) => r.audit_action === 'proposal.executed')!
    expect(executedRow.executor).toBe(C.address)
    expect(executedRow.signers).toContain(A.address)
    expect(executedRow.signers).toContain(B.address)
  })

  it('participation counts one act for each of A, B and C, none for whichever key was active', async () => {
    const overview = await ws.call('analytics.overview', {})
    const series = overview.series.find((s) => s.id === 'signer-participation')!
    const count = (address: string) => Number(series.datasets[0].values[series.labels.indexOf(address)])
    expect([count(A.address), count(B.address), count(C.address)]).toEqual([1, 1, 1])
    expect(series.labels).toContain(WORKSPACE_USER)
  })

  it('a settings change, made with a key active, is credited to the workspace user', async () => {
    await setActive(A.address)
    await ws.call('tokens.setNative', { chainId: 31337, symbol: 'tETH', name: 'Test Ether', decimals: 18 })
    await ws.call('keys.setAutoLock', { minutes: 7 })
    const { events } = await ws.call('audit.list', { limit: 5 })
    const latest = events.filter((e) => e.action === 'chain.native.set' || e.action === 'keys.auto-lock-set')
    expect(latest.map((e) => e.action).sort()).toEqual(['chain.native.set', 'keys.auto-lock-set'])
    expect(latest.map((e) => e.actor)).toEqual([WORKSPACE_USER, WORKSPACE_USER])
  })
})
