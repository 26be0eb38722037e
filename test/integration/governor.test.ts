// Issue 21: an OpenZeppelin Governor whose timelock executes on the demo Safe through a module, driven through the
// real API on the sandbox chain. Proposal ids and ballot digests are recomputed with viem (not our ethers code).
import { describe, expect, it, beforeAll } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, JsonRpcProvider, Wallet, encryptKeystoreJson, parseUnits } from 'ethers'
import { encodeAbiParameters, hashTypedData, keccak256 as viemKeccak, toBytes } from 'viem'
import { councilAct, sandboxWorkspace } from './helpers'
import { balances } from './disbursements-chain'
import { governorArtifacts } from '../../src/main/core/governor'
import { readQrPng } from '../../src/main/core/signing/qr'
import { requireChainFor } from '../../src/main/core/chain'
import { safeLedger } from '../../src/main/core/reports/safe-ledger'
import { WORKSPACE_USER } from '../../src/main/core/workspace/context'

type Ws = ReturnType<typeof sandboxWorkspace>

const viemProposalId = (targets: string[], values: bigint[], calldatas: string[], description: string) =>
  BigInt(
    viemKeccak(
      encodeAbiParameters(
        [{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }],
        [targets as `0x${string}`[], values, calldatas as `0x${string}`[], viemKeccak(toBytes(description))],
      ),
    ),
  )

/** `treasury governor ballot` as an offline holder runs it: a keystore and a passphrase file, nothing else. */
async function cliBallotFile(privateKey: string, governor: string, chainId: number, proposalId: string) {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-ballot-'))
  const keystore = await encryptKeystoreJson(
    { address: new Wallet(privateKey).address, privateKey },
    'carol passphrase',
    { scrypt: { N: 1024 } },
  )
  writeFileSync(join(dir, 'carol.json'), keystore)
  writeFileSync(join(dir, 'pass.txt'), 'carol passphrase\n')
  const out = join(dir, 'ballot.json')
  const args = ['governor', 'ballot', '--chain-id', String(chainId), '--governor', governor]
  args.push('--name', 'AITBC Treasury Governor', '--proposal', proposalId, '--support', 'for')
  args.push('--keystore', join(dir, 'carol.json'), '--passphrase-file', join(dir, 'pass.txt'), '--out', out)
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), '--data-dir', dir, ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  )
  expect(run.status, run.stderr).toBe(0)
  const verified = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'governor', 'verify-ballot', out],
    { cwd: ROOT, encoding: 'utf8' },
  )
  expect(verified.stdout).toContain('Valid ballot by')
  return JSON.parse(readFileSync(out, 'utf8')) as unknown
}

const ROOT = process.cwd()

describe('on-chain governance over the Safe (Governor + timelock + module)', () => {
  let ws: Ws
  let governor: string

  beforeAll(async () => {
    ws = sandboxWorkspace()
    await ws.keys.importUnlocked(
      [...ws.sandbox.signers, { ...ws.sandbox.funder, label: 'Steward' }],
      'demo passphrase 1',
      'test',
    )
    const view = await ws.call('governor.deploySandbox', {})
    governor = view.address
  })

  it('compiled artifacts match their sources (no stale bytecode)', () => {
    const dir = join(__dirname, '../../resources/contracts')
    for (const [file, artifact] of [
      ['TreasuryGovernor.sol', governorArtifacts.governor],
      ['TreasuryTimelock.sol', governorArtifacts.timelock],
      ['GovernorSafeModule.sol', governorArtifacts.module],
    ] as const) {
      const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n')
      expect(createHash('sha256').update(text).digest('hex'), file).toBe(artifact.sourceSha256)
    }
  })

  it('reads the deployed Governor settings and the module enabled on the Safe', async () => {
    const [view] = await ws.call('governor.list', {})
    expect(view.address).toBe(governor)
    expect(view.safe).toBe(ws.sandbox.safeAddress)
    expect(view.settings).toMatchObject({
      votingDelay: '1',
      votingPeriod: '50',
      proposalThreshold: parseUnits('1000', 18).toString(),
      quorumNumerator: '2',
      clockMode: 'mode=blocknumber&from=default',
      clockUnit: 'blocks',
      timelockDelaySeconds: '3600',
      moduleEnabled: true,
      ballotKind: 'oz4',
    })
  })

  it('propose, vote (one by relayed ballot), queue, wait out the delay, execute: the Safe pays the recipient', async () => {
    const [a, b, c] = ws.sandbox.signers
    const recipient = Wallet.createRandom().address
    const amount = parseUnits('500', 18)
    const description = '# Pay the auditors\n\n500 AITBC from the treasury, voted on chain.'
    const token = ws.sandbox.token.address
    const period = await ws.call('budgets.createPeriod', {
      name: 'Governor Q4',
      startsOn: '2026-10-01',
      endsOn: '2026-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'audits (governor)',
      token,
      allocation: parseUnits('2000', 18).toString(),
    })
    const proposed = await ws.call('governor.propose', {
      governor,
      proposer: a.address,
      description,
      parts: [{ type: 'erc20_transfer', token, to: recipient, amount: amount.toString() }],
      budgetLineId: line.id,
    })
    expect(proposed.state).toBe('Pending')

    const [listed] = await ws.call('governor.proposals', { governor })
    expect(listed.proposalId).toBe(proposed.proposalId)
    expect(listed.actions).toHaveLength(1)
    expect(listed.actions[0].bySafe).toMatchObject({ kind: 'erc20-transfer', recipient, amount: amount.toString() })
    // The proposal id recomputed independently from the logged actions.
    const a0 = listed.actions[0]
    expect(viemProposalId([a0.target], [BigInt(a0.value)], [a0.calldata], description).toString()).toBe(
      proposed.proposalId,
    )

    await ws.call('governor.advanceTime', { seconds: 0, blocks: 2 })
    await ws.call('governor.vote', {
      governor,
      proposalId: proposed.proposalId,
      voter: a.address,
      support: 'for',
      reason: 'audits are due',
    })
    await ws.call('governor.vote', { governor, proposalId: proposed.proposalId, voter: b.address, support: 'for' })

    // Carol signs offline; the steward relays the file and pays the gas.
    const ballot = await ws.call('governor.signBallot', {
      governor,
      proposalId: proposed.proposalId,
      voter: c.address,
      support: 'for',
    })
    const viemDigest = hashTypedData({
      domain: {
        name: 'AITBC Treasury Governor',
        version: '1',
        chainId: ws.sandbox.chainId,
        verifyingContract: governor as `0x${string}`,
      },
      types: {
        Ballot: [
          { name: 'proposalId', type: 'uint256' },
          { name: 'support', type: 'uint8' },
        ],
      },
      primaryType: 'Ballot',
      message: { proposalId: BigInt(proposed.proposalId), support: 1 },
    })
    expect(ballot.digest).toBe(viemDigest)
    const tampered = { ...ballot, support: 0 as const }
    await expect(
      ws.call('governor.relayBallot', { ballot: tampered, relayer: ws.sandbox.funder.address }),
    ).rejects.toThrow(/digest/)
    // The same ballot from Carol's offline machine: the CLI with her keystore, no workspace, no network.
    const cliBallot = await cliBallotFile(c.privateKey, governor, ws.sandbox.chainId, proposed.proposalId)
    expect(cliBallot).toEqual(ballot)
    // It travels as QR codes: the images decode (jsQR) to the parts, and the relayed parts are the ballot.
    const qr = await ws.call('governor.ballotQr', { ballot: cliBallot as never })
    const scanned = qr.images.map((url) => readQrPng(Buffer.from(url.split(',')[1], 'base64')) ?? '')
    expect(scanned).toEqual(qr.parts)
    // A ballot (~560 characters of JSON) fits one code; a code holding anything else is refused in words.
    expect(qr.parts).toHaveLength(1)
    await expect(
      ws.call('governor.relayBallot', { qrParts: ['{"format":"other"}'], relayer: ws.sandbox.funder.address }),
    ).rejects.toThrow(/do not hold a governor ballot/)
    // The file as the first release wrote it (version 1, no ballot kind) still relays: the same signed fields.
    expect(ballot).toMatchObject({ version: 2, ballotKind: 'oz4' })
    const { ballotKind: _kind, ...fields } = ballot as typeof ballot & { ballotKind: 'oz4' }
    await ws.call('governor.relayBallot', { ballot: { ...fields, version: 1 }, relayer: ws.sandbox.funder.address })
    await expect(
      ws.call('governor.relayBallot', { qrParts: scanned, relayer: ws.sandbox.funder.address }),
    ).rejects.toThrow(/already voted/)

    const votes = await ws.call('governor.votes', { governor, proposalId: proposed.proposalId })
    expect(votes.map((v) => [v.voter, v.support, v.weight])).toEqual([
      [a.address, 'for', parseUnits('100000', 18).toString()],
      [b.address, 'for', parseUnits('100000', 18).toString()],
      [c.address, 'for', parseUnits('100000', 18).toString()],
    ])

    await ws.call('governor.advanceTime', { seconds: 0, blocks: 50 })
    let [p] = await ws.call('governor.proposals', { governor })
    expect(p.state).toBe('Succeeded')
    expect(BigInt(p.votes.for)).toBeGreaterThanOrEqual(BigInt(p.quorum))
    expect(p.next).toBe('queue')

    const queued = await ws.call('governor.queue', { governor, proposalId: p.proposalId, sender: a.address })
    expect(queued.state).toBe('Queued')
    ;[p] = await ws.call('governor.proposals', { governor })
    expect(p.timeLeft.phase).toBe('until executable')
    expect(Number(p.timeLeft.amount)).toBeGreaterThan(3500)
    await expect(
      ws.call('governor.execute', { governor, proposalId: p.proposalId, sender: a.address }),
    ).rejects.toThrow(/not ready|refused/)

    const [before] = await balances(ws.sandbox.rpcUrl, token, [ws.sandbox.safeAddress])
    await ws.call('governor.advanceTime', { seconds: 3600, blocks: 1 })
    const executed = await ws.call('governor.execute', {
      governor,
      proposalId: p.proposalId,
      sender: ws.sandbox.funder.address,
    })
    expect(executed.state).toBe('Executed')
    const [safeAfter, recipientAfter] = await balances(ws.sandbox.rpcUrl, token, [ws.sandbox.safeAddress, recipient])
    expect(recipientAfter.token).toBe(amount)
    expect(before.token - safeAfter.token).toBe(amount)

    // The treasury side: the Safe's history, the budget line and the ledger account for it as for a signed SafeTx.
    const [history] = await ws.call('governor.executions', { safe: ws.sandbox.safeAddress })
    expect(history).toMatchObject({
      proposalId: p.proposalId,
      title: 'Pay the auditors',
      executedTxHash: executed.transactionHash,
      outflows: [{ token, amount: amount.toString() }],
    })
    const lineAfter = (await ws.call('budgets.overview', { periodId: period.id })).lines.find((l) => l.id === line.id)!
    expect(lineAfter).toMatchObject({ spent: amount.toString(), remaining: parseUnits('1500', 18).toString() })
    const chain = requireChainFor(ws.db, undefined)
    const ledger = await safeLedger(ws.db, chain, ws.sandbox.safeAddress, { fromIso: null, toIso: null })
    expect(ledger.find((e) => e.txHash === executed.transactionHash)).toMatchObject({
      direction: 'out',
      counterparty: recipient,
      amount,
      description: 'Pay the auditors',
    })

    const actions = ws.db
      .prepare("SELECT actor, action FROM audit_events WHERE action LIKE 'governor.%' ORDER BY seq")
      .all() as Array<{ actor: string; action: string }>
    expect(actions).toEqual(
      expect.arrayContaining([
        { actor: a.address, action: 'governor.proposed' },
        { actor: b.address, action: 'governor.voted' },
        { actor: ws.sandbox.funder.address, action: 'governor.ballotRelayed' },
        { actor: ws.sandbox.funder.address, action: 'governor.executed' },
        { actor: WORKSPACE_USER, action: 'governor.connected' },
      ]),
    )
  }, 120_000)

  it('a proposal below quorum is Defeated; a cancelled one never executes', async () => {
    const [a] = ws.sandbox.signers
    const token = ws.sandbox.token.address
    const parts = [{ type: 'erc20_transfer' as const, token, to: Wallet.createRandom().address, amount: '1' }]
    const low = await ws.call('governor.propose', { governor, proposer: a.address, description: 'Below quorum', parts })
    const gone = await ws.call('governor.propose', { governor, proposer: a.address, description: 'Withdrawn', parts })
    const cancelled = await ws.call('governor.cancel', { governor, proposalId: gone.proposalId, sender: a.address })
    expect(cancelled.state).toBe('Canceled')
    await ws.call('governor.advanceTime', { seconds: 0, blocks: 2 })
    await ws.call('governor.vote', { governor, proposalId: low.proposalId, voter: a.address, support: 'for' })
    await ws.call('governor.advanceTime', { seconds: 0, blocks: 51 })
    const list = await ws.call('governor.proposals', { governor })
    expect(list.find((p) => p.proposalId === low.proposalId)?.state).toBe('Defeated')
    expect(list.find((p) => p.proposalId === gone.proposalId)?.state).toBe('Canceled')
    await expect(
      ws.call('governor.queue', { governor, proposalId: low.proposalId, sender: a.address }),
    ).rejects.toThrow(/not successful/)
    await expect(
      ws.call('governor.execute', { governor, proposalId: gone.proposalId, sender: a.address }),
    ).rejects.toThrow(/refused/)
  })

  it("a grant's disbursement through the Governor: the Safe pays, the milestone is paid, the batch executed", async () => {
    const [alice, bob, carol] = ws.sandbox.signers
    const token = ws.sandbox.token.address
    const aitbc = (n: string) => parseUnits(n, 18).toString()
    const period = await ws.call('budgets.createPeriod', {
      name: 'Gov grants',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    })
    const line = await ws.call('budgets.createLine', {
      periodId: period.id,
      category: 'gov grants',
      token,
      allocation: aitbc('1000'),
    })
    const program = await ws.call('grants.createProgram', {
      name: 'Governor grants',
      category: 'gov grants',
      budgetLineId: line.id,
      criteria: [{ label: 'Impact', weight: 1 }],
    })
    const grantee = Wallet.createRandom().address
    let grant = await ws.call('grants.apply', {
      programId: program.id,
      title: 'Explorer',
      applicant: 'Eve',
      recipient: grantee,
      milestones: [{ title: 'Beta', amount: aitbc('300'), dueOn: '2026-09-30' }],
    })
    await councilAct(
      ws,
      'grant-evaluation',
      { grantId: grant.id, scores: [{ criterionId: program.criteria[0].id, score: 8 }] },
      [alice],
    )
    await councilAct(ws, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'useful' }, [bob])
    grant = await ws.call('grants.get', { grantId: grant.id })
    const m = grant.milestones[0]
    await ws.call('grants.milestone', {
      action: 'submit',
      milestoneId: m.id,
      deliverableUrl: 'https://example.org/beta',
    })
    await councilAct(ws, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
    // A first proposal for it is withdrawn: the batch it carried is released (no longer committed).
    const withdrawn = await ws.call('disbursements.create', {
      title: 'Explorer beta (first try)',
      source: { kind: 'milestones', milestoneIds: [m.id] },
    })
    const first = await ws.call('governor.propose', {
      governor,
      proposer: alice.address,
      description: 'Pay the Explorer beta milestone (first try)',
      disbursementBatchId: withdrawn.id,
    })
    const committed = (await ws.call('budgets.overview', { periodId: period.id })).lines.find((l) => l.id === line.id)!
    expect(committed.committed).toBe(aitbc('300'))
    await ws.call('governor.cancel', { governor, proposalId: first.proposalId, sender: alice.address })
    await ws.call('governor.proposals', { governor })
    expect((await ws.call('disbursements.get', { batchId: withdrawn.id })).status).toBe('cancelled')
    const released = (await ws.call('budgets.overview', { periodId: period.id })).lines.find((l) => l.id === line.id)!
    expect(released.committed).toBe('0')

    const draft = await ws.call('disbursements.create', {
      title: 'Explorer beta',
      source: { kind: 'milestones', milestoneIds: [m.id] },
    })

    const proposed = await ws.call('governor.propose', {
      governor,
      proposer: alice.address,
      description: 'Pay the Explorer beta milestone',
      disbursementBatchId: draft.id,
    })
    // The batch names the Governor proposal that executes it (the disbursements page links there).
    expect(await ws.call('disbursements.get', { batchId: draft.id })).toMatchObject({
      status: 'proposed',
      proposal: null,
      governorProposal: { governor, proposalId: proposed.proposalId, title: 'Pay the Explorer beta milestone' },
    })
    // Proposed once: the same batch cannot be proposed again, on chain or as a Safe transaction.
    await expect(
      ws.call('governor.propose', {
        governor,
        proposer: alice.address,
        description: 'again',
        disbursementBatchId: draft.id,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    // Nor cancelled here: the Governor binds it until its proposal can no longer execute.
    await expect(
      ws.call('disbursements.cancel', { batchId: draft.id, reason: 'changed our minds' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('cancel or veto that proposal') })
    expect((await ws.call('disbursements.get', { batchId: draft.id })).status).toBe('proposed')
    await ws.call('governor.advanceTime', { seconds: 0, blocks: 2 })
    for (const v of [alice, bob, carol])
      await ws.call('governor.vote', { governor, proposalId: proposed.proposalId, voter: v.address, support: 'for' })
    await ws.call('governor.advanceTime', { seconds: 0, blocks: 51 })
    await ws.call('governor.queue', { governor, proposalId: proposed.proposalId, sender: bob.address })
    await ws.call('governor.advanceTime', { seconds: 3600, blocks: 1 })
    const executed = await ws.call('governor.execute', {
      governor,
      proposalId: proposed.proposalId,
      sender: carol.address,
    })

    const [paid] = await balances(ws.sandbox.rpcUrl, token, [grantee])
    expect(paid.token).toBe(parseUnits('300', 18))
    const after = await ws.call('grants.get', { grantId: grant.id })
    expect(after.milestones[0].status).toBe('paid')
    const batch = await ws.call('disbursements.get', { batchId: draft.id })
    expect(batch).toMatchObject({ status: 'executed', execution: { txHash: executed.transactionHash } })
    const lineAfter = (await ws.call('budgets.overview', { periodId: period.id })).lines.find((l) => l.id === line.id)!
    expect(lineAfter).toMatchObject({ spent: aitbc('300'), committed: '0' })
    const event = ws.db
      .prepare("SELECT actor FROM audit_events WHERE action = 'disbursement.executed' AND subject = ?")
      .get(`batch:${draft.id}`) as { actor: string }
    expect(event.actor).toBe(carol.address)
  })

  it('the hashProposal of the contract equals the app id', async () => {
    const provider = new JsonRpcProvider(ws.sandbox.rpcUrl, undefined, { cacheTimeout: -1 })
    try {
      const [p] = await ws.call('governor.proposals', { governor })
      const g = new Contract(
        governor,
        ['function hashProposal(address[],uint256[],bytes[],bytes32) pure returns (uint256)'],
        provider,
      )
      const onChain = (await g.hashProposal(
        p.actions.map((x) => x.target),
        p.actions.map((x) => BigInt(x.value)),
        p.actions.map((x) => x.calldata),
        viemKeccak(toBytes(p.description)),
      )) as bigint
      expect(onChain.toString()).toBe(p.proposalId)
    } finally {
      provider.destroy()
    }
  })
})
