import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Wallet, encryptKeystoreJson, parseUnits } from 'ethers'
import { signRequestFiles } from '../../src/cli/commands/signing'
import { hashTypedData } from 'viem'
import { councilAct, sandboxWorkspace } from './helpers'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { councilDigest, councilNow, signCouncilAct, checkCouncilActsInBundle } from '../../src/main/core/council'
import { getActiveChain } from '../../src/main/core/chain'
import { verifyAuditBundleFile } from '../../src/main/core/audit'
import type { CouncilActRequest } from '../../src/shared/contract/council'

/**
 * Issue 18 on the real sandbox chain (Hardhat, Safe v1.4.1, the 2-of-3 demo Safe): every council act is a member's
 * EIP-712 signature; the API refuses it without one, from a non-member, replayed, moved, altered or expired.
 */
describe('council acts signed by members', () => {
  const ws = sandboxWorkspace()
  const { signers, funder, token } = ws.sandbox
  const [alice, bob, carol] = signers
  let programId: number
  let criterionId: number
  let lines: { a: number; b: number }
  afterAll(() => ws.ctx.close())

  const sign = async (key: { privateKey: string }, request: CouncilActRequest) => {
    const w = new Wallet(key.privateKey)
    return { signer: w.address, signature: await signCouncilAct(w, request) }
  }
  const apply = async (title: string) =>
    ws.call('grants.apply', {
      programId,
      title,
      applicant: 'Iris',
      recipient: funder.address,
      milestones: [{ title: 'One', amount: parseUnits('10', 18).toString(), dueOn: '2026-05-01' }],
    })

  beforeAll(async () => {
    await ws.call('safe.overview', { refresh: true })
    const period = await ws.call('budgets.createPeriod', {
      name: 'C-2026',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    })
    const line = (category: string) =>
      ws.call('budgets.createLine', {
        periodId: period.id,
        category,
        token: token.address,
        allocation: parseUnits('1000', 18).toString(),
      })
    const a = await line('grants')
    const b = await line('events')
    lines = { a: a.id, b: b.id }
    const program = await ws.call('grants.createProgram', {
      name: 'Council test',
      category: 'grants',
      budgetLineId: a.id,
      criteria: [{ label: 'Impact', weight: 1 }],
    })
    programId = program.id
    criterionId = program.criteria[0].id
  })

  it("is the Safe's owners read from the chain, with the Safe's threshold to change it", async () => {
    const council = await ws.call('council.get', {})
    expect(council).toMatchObject({
      source: 'safe-chain',
      safe: ws.sandbox.safeAddress,
      members: signers.map((s) => s.address),
      threshold: 2,
      thresholds: { 'grant-evaluation': 1, 'budget-override': 2, 'council-change': 2 },
    })
  })

  it('falls back to the last synced owners when the chain cannot be read, and says so', async () => {
    const chain = getActiveChain(ws.db)!
    const offline = await councilNow(ws.db, { ...chain, rpcUrl: 'http://127.0.0.1:9' })
    expect(offline).toMatchObject({ source: 'safe-snapshot', members: signers.map((s) => s.address), threshold: 2 })
  })

  it('binds the request to the chain, the Safe, the subject and the content (digest as viem computes it)', async () => {
    const grant = await apply('Bound')
    const request = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant.id, scores: [{ criterionId, score: 7 }] },
    })
    expect(request.domain).toEqual({
      name: 'AITBC Treasury Council',
      version: '1',
      chainId: ws.sandbox.chainId,
      verifyingContract: ws.sandbox.safeAddress,
    })
    expect(request.message).toMatchObject({ act: 'grant-evaluation', subject: `grant:${grant.id}` })
    expect(request.message.expiry).toBeGreaterThan(Date.now() / 1000 + 23 * 3600)
    const viem = hashTypedData({
      domain: { ...request.domain, verifyingContract: request.domain.verifyingContract as `0x${string}` },
      types: {
        CouncilAct: [
          { name: 'act', type: 'string' },
          { name: 'subject', type: 'string' },
          { name: 'contentHash', type: 'bytes32' },
          { name: 'nonce', type: 'bytes32' },
          { name: 'expiry', type: 'uint64' },
        ],
      },
      primaryType: 'CouncilAct',
      message: { ...request.message, expiry: BigInt(request.message.expiry) },
    })
    expect(councilDigest(request.domain, request.message)).toBe(viem)
  })

  it('refuses an act without a signature, from a non-member, replayed, moved, altered or expired', async () => {
    const grant = await apply('Refusals')
    const other = await apply('Other subject')
    const content = { grantId: grant.id, scores: [{ criterionId, score: 6 }] }
    const request = await ws.call('council.request', { kind: 'grant-evaluation', content })
    const refused = (p: Promise<unknown>, message: RegExp, code = 'UNAUTHORIZED') =>
      expect(p).rejects.toMatchObject({ code, message: expect.stringMatching(message) })

    await refused(ws.call('council.submit', { request, signatures: [] }), /no signature/, 'BAD_INPUT')
    await refused(
      ws.call('council.submit', { request, signatures: [await sign(funder, request)] }),
      /is not a council member/,
    )
    // Alice's signature named as Bob's: wrong signer.
    const byAlice = await sign(alice, request)
    await refused(
      ws.call('council.submit', { request, signatures: [{ signer: bob.address, signature: byAlice.signature }] }),
      new RegExp(`not ${bob.address}'s over this act: it recovers to ${alice.address}`),
    )
    // The same signature carried to another grant: the subject no longer matches.
    await refused(
      ws.call('council.submit', {
        request: { ...request, content: { ...content, grantId: other.id } },
        signatures: [byAlice],
      }),
      new RegExp(`names subject grant:${grant.id}, but this act is about grant:${other.id}`),
    )
    // Altered scores under the signed message: the content hash no longer matches.
    await refused(
      ws.call('council.submit', {
        request: { ...request, content: { ...content, scores: [{ criterionId, score: 10 }] } },
        signatures: [byAlice],
      }),
      /altered content/,
    )
    // Expired: the members signed a request whose expiry has passed.
    const stale = { ...request, message: { ...request.message, expiry: Math.floor(Date.now() / 1000) - 10 } }
    await refused(ws.call('council.submit', { request: stale, signatures: [await sign(alice, stale)] }), /expired at/)
    // Another chain in the domain.
    const elsewhere = { ...request, domain: { ...request.domain, chainId: 1 } }
    await refused(
      ws.call('council.submit', { request: elsewhere, signatures: [await sign(alice, elsewhere)] }),
      /signed for chain 1/,
    )
    expect((await ws.call('grants.get', { grantId: grant.id })).evaluations).toEqual([])

    const accepted = await ws.call('council.submit', { request, signatures: [byAlice] })
    expect(accepted).toMatchObject({
      status: 'effective',
      needed: 1,
      signers: [expect.objectContaining({ member: alice.address, councilSource: 'safe-chain' })],
    })
    expect((await ws.call('grants.get', { grantId: grant.id })).evaluations).toEqual([
      expect.objectContaining({ evaluator: alice.address, weightedScore: 6 }),
    ])
    await refused(
      ws.call('council.submit', { request, signatures: [byAlice] }),
      /replayed: this act \(#\d+\) already took effect/,
    )
    await refused(ws.call('council.submit', { request, signatures: [await sign(bob, request)] }), /replayed/)
  })

  it('accepts each act kind with a member signature, and records each with its signatures in the audit trail', async () => {
    const grant = await apply('Every act')
    await councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores: [{ criterionId, score: 9 }] }, [alice])
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'good' }, [bob])
    const m = (await ws.call('grants.get', { grantId: grant.id })).milestones[0]
    await ws.call('grants.milestone', { action: 'submit', milestoneId: m.id, deliverableUrl: 'https://example.org/m' })
    await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [carol])
    await councilAct(
      ws,
      'budget-reallocation',
      { fromLineId: lines.b, toLineId: lines.a, amount: parseUnits('5', 18).toString(), reason: 'grants need it' },
      [alice],
    )
    const dispute = await ws.call('governance.raiseDispute', {
      subjectKind: 'milestone',
      subjectRef: String(m.id),
      raisedBy: 'Zoe',
      reason: 'The deliverable link is broken.',
    })
    await councilAct(
      ws,
      'dispute-resolution',
      { disputeId: dispute.id, outcome: 'dismissed', decision: 'The link works from here.' },
      [bob],
    )
    const after = await ws.call('grants.get', { grantId: grant.id })
    expect(after).toMatchObject({ status: 'approved', decidedBy: bob.address })
    expect(after.milestones[0].status).toBe('approved')
    expect((await ws.call('governance.disputes', {})).find((d) => d.id === dispute.id)).toMatchObject({
      status: 'dismissed',
      resolvedBy: bob.address,
    })
    const effective = (await ws.call('audit.list', { limit: 500 })).events.filter(
      (e) => e.action === 'council.act.effective',
    )
    const kinds = effective.map((e) => (e.payload as { kind: string }).kind)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'grant-evaluation',
        'grant-decision',
        'milestone-decision',
        'budget-reallocation',
        'dispute-resolution',
      ]),
    )
    for (const e of effective) {
      const p = e.payload as { signatures: Array<{ member: string; signature: string }>; digest: string }
      expect(p.signatures.length).toBeGreaterThan(0)
    }
  })

  it('signs in the app with an unlocked key (main process), and imports a signature file', async () => {
    const grant = await apply('In app')
    await ws.keys.importPrivateKey(alice.privateKey, 'Alice', 'alice passphrase 1')
    await ws.keys.unlock(alice.address, 'alice passphrase 1')
    const request = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant.id, scores: [{ criterionId, score: 4 }] },
    })
    const view = await ws.call('council.sign', { request, signer: alice.address })
    expect(view).toMatchObject({ status: 'effective', signers: [expect.objectContaining({ member: alice.address })] })

    const decision = await ws.call('council.request', {
      kind: 'grant-decision',
      content: { grantId: grant.id, decision: 'reject', reason: 'out of scope' },
    })
    const s = await sign(carol, decision)
    const file = JSON.stringify({
      format: 'aitbc-council-act-signature',
      version: 1,
      digest: councilDigest(decision.domain, decision.message),
      ...s,
      request: decision,
    })
    await ws.call('council.importSignature', { text: file })
    expect(await ws.call('grants.get', { grantId: grant.id })).toMatchObject({
      status: 'rejected',
      decidedBy: carol.address,
    })
  })

  it('signs a request offline with `treasury sign` (keystore file, no network) and imports the signature file', async () => {
    const grant = await apply('Offline')
    const request = await ws.call('council.request', {
      kind: 'grant-evaluation',
      content: { grantId: grant.id, scores: [{ criterionId, score: 3 }] },
    })
    const requestFile = join(ws.dir, 'council-request.json')
    writeFileSync(requestFile, JSON.stringify(request))
    const keystoreFile = join(ws.dir, 'bob-keystore.json')
    writeFileSync(
      keystoreFile,
      await encryptKeystoreJson({ address: bob.address, privateKey: bob.privateKey }, 'bob offline', {
        scrypt: { N: 1024 },
      }),
    )
    const outFile = join(ws.dir, 'bob-council-signature.json')
    const lines: string[] = []
    const cli = await signRequestFiles({
      requestFiles: [requestFile],
      keystoreFile,
      passphrase: 'bob offline',
      outFile,
      log: (l) => lines.push(l),
    })
    expect(cli.signer).toBe(bob.address)
    expect(lines.join('\n')).toMatch(new RegExp(`Council act: grant-evaluation on grant:${grant.id}`))
    const view = await ws.call('council.importSignature', { text: readFileSync(outFile, 'utf8') })
    expect(view).toMatchObject({ status: 'effective', signers: [expect.objectContaining({ member: bob.address })] })
    // The same file again is a replay.
    await expect(ws.call('council.importSignature', { text: readFileSync(outFile, 'utf8') })).rejects.toMatchObject({
      message: expect.stringMatching(/replayed/),
    })
    // A request whose content was edited after it was made is refused before signing.
    writeFileSync(
      requestFile,
      JSON.stringify({ ...request, content: { ...(request.content as object), grantId: 999 } }),
    )
    await expect(
      signRequestFiles({
        requestFiles: [requestFile],
        keystoreFile,
        passphrase: 'bob offline',
        outFile: outFile + '2',
        log: () => {},
      }),
    ).rejects.toThrow(/moved to another subject|altered content/)
  })

  it('changes the council only with the threshold of the current council, then checks acts against the new list', async () => {
    const content = { members: [alice.address, bob.address], threshold: 2, thresholds: { 'grant-evaluation': 2 } }
    const request = await ws.call('council.request', { kind: 'council-change', content })
    const first = await ws.call('council.submit', { request, signatures: [await sign(alice, request)] })
    expect(first).toMatchObject({ status: 'pending', needed: 2 })
    expect(first.missing).toEqual([bob.address, carol.address])
    expect((await ws.call('council.get', {})).source).toBe('safe-chain')
    await expect(
      ws.call('council.submit', { request, signatures: [await sign(alice, request)] }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/already signed/) })
    const done = await ws.call('council.submit', { request, signatures: [await sign(carol, request)] })
    expect(done).toMatchObject({ status: 'effective' })
    expect(await ws.call('council.get', {})).toMatchObject({
      source: 'list',
      members: [alice.address, bob.address],
      threshold: 2,
      thresholds: { 'grant-evaluation': 2 },
    })

    const grant = await apply('New council')
    await expect(
      councilAct(ws, 'grant-evaluation', { grantId: grant.id, scores: [{ criterionId, score: 5 }] }, [carol]),
    ).rejects.toMatchObject({ message: expect.stringMatching(/not a council member at this time/) })
    const pending = await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: [{ criterionId, score: 5 }] },
      [alice],
    )
    expect(pending).toMatchObject({ status: 'pending', needed: 2, missing: [bob.address] })
    expect((await ws.call('council.acts', { status: 'pending' })).map((a) => a.id)).toContain(pending.id)
    const evaluated = await ws.call('council.submit', {
      request: pending.request,
      signatures: [await sign(bob, pending.request)],
    })
    expect(evaluated.status).toBe('effective')
    expect((await ws.call('grants.get', { grantId: grant.id })).evaluations[0].evaluator).toBe(
      `${alice.address}, ${bob.address}`,
    )

    // Back to the Safe's owners: signed by the list's threshold.
    await councilAct(ws, 'council-change', { members: null, threshold: 2 }, [alice, bob])
    expect((await ws.call('council.get', {})).source).toBe('safe-chain')
  })

  it('exports every council act so an auditor re-verifies it offline: signer recovered, membership at the time', async () => {
    let job = await ws.call('exports.start', { format: 'json' })
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      job = await ws.call('exports.status', { id: job.id })
    }
    const file = join(ws.dir, 'exports', job.fileName)
    expect(await verifyAuditBundleFile(file)).toMatchObject({ ok: true })
    const checks = await checkCouncilActsInBundle(file)
    const effective = checks.filter((c) => c.action === 'council.act.effective')
    expect(effective.map((c) => c.kind)).toEqual(
      expect.arrayContaining([
        'grant-evaluation',
        'grant-decision',
        'milestone-decision',
        'budget-reallocation',
        'dispute-resolution',
        'council-change',
      ]),
    )
    expect(checks.every((c) => c.ok)).toBe(true)
    const change = effective.find((c) => c.kind === 'council-change')!
    expect(change.signatures.map((s) => s.recovered)).toEqual([alice.address, carol.address])
    expect(change.signatures.every((s) => s.memberAtTheTime)).toBe(true)
    expect(change.councilSource).toBe('safe-chain')

    // A signature swapped in the file is caught, whatever the hash chain says.
    const text = readFileSync(file, 'utf8').split('\n')
    const at = text.findIndex((l) => l.includes('"action":"council.act.signed"'))
    const event = JSON.parse(text[at].replace(/,$/, '')) as { payload: { signature: string } }
    const forged = await new Wallet(funder.privateKey).signMessage('x')
    text[at] = text[at].replace(event.payload.signature, forged)
    const tampered = join(ws.dir, 'tampered.json')
    writeFileSync(tampered, text.join('\n'))
    const bad = (await checkCouncilActsInBundle(tampered)).find((c) => !c.ok)
    expect(bad?.reason).toMatch(/recovers to/)
  })
})
