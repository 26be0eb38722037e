import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Contract, Wallet, parseEther, parseUnits, type JsonRpcProvider } from 'ethers'
import { rpcProvider } from '../../src/main/core/chain'
import { tokenContract } from '../../src/main/core/sandbox'
import {
  DELEGATION_TYPES,
  governanceDomain,
  readTokenDomain,
  signAction,
  signVote,
  submitDelegateBySig,
  voteBundle,
  voteFile,
  type VoteMessage,
} from '../../src/main/core/governance'
import { signSafeTx, packSignatures, safeTxHash } from '../../src/main/core/signing/safe-tx'
import { councilAct, sandboxWorkspace } from './helpers'
import { signCouncilAct } from '../../src/main/core/council'
import { addProposalSignature, requireProposal } from '../../src/main/core/proposals'

const U = (n: number) => parseUnits(String(n), 18)
const SAFE_ABI = [
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
  'function nonce() view returns (uint256)',
]

describe('token governance on the sandbox chain', () => {
  const ws = sandboxWorkspace()
  let provider: JsonRpcProvider
  let funder: Wallet
  const [A, B, C, D, E] = Array.from({ length: 5 }, () => new Wallet(Wallet.createRandom().privateKey))
  const nobody = new Wallet(Wallet.createRandom().privateKey)
  const domain = governanceDomain(ws.sandbox.chainId, ws.sandbox.token.address)

  const mine = (blocks: number) => provider.send('hardhat_mine', ['0x' + blocks.toString(16)])
  const travel = async (seconds: number) => {
    await provider.send('evm_increaseTime', [seconds])
    await provider.send('evm_mine', [])
  }
  const vote = async (w: Pick<Wallet, 'address' | 'signTypedData'>, id: string, support: 0 | 1 | 2, over = {}) => {
    const message: VoteMessage = {
      proposalId: id,
      support,
      voter: w.address,
      timestamp: Math.floor(Date.now() / 1000),
      reason: '',
      ...over,
    }
    return voteFile(domain, message, await signVote(w, domain, message))
  }
  const importVotes = (...files: Array<Awaited<ReturnType<typeof vote>>>) =>
    ws.call('governance.importVotes', {
      text: JSON.stringify(files.length === 1 ? files[0] : voteBundle(files)),
      skipRefused: false,
    })
  const rules = { votingDelayBlocks: 2, votingPeriodBlocks: 10, quorumBps: 250, passThresholdBps: 5000 }
  const create = (title: string, kind: 'technical' | 'treasury_spending' = 'technical', extra = {}) =>
    ws.call('governance.create', { kind, title, body: 'Why and how.', proposer: A.address, ...extra })

  beforeAll(async () => {
    provider = rpcProvider(ws.sandbox.rpcUrl, ws.sandbox.chainId)
    funder = new Wallet(ws.sandbox.funder.privateKey, provider)
    const token = tokenContract(ws.sandbox.token.address, funder)
    // Five holders: A 300k (self), B 200k → E, C 100k → B (a chain: C's power sits with B, not with E), D 50k (self,
    // by an offline-signed delegateBySig), E holds nothing and votes with B's 200k.
    const grants: Array<[Wallet, number]> = [
      [A, 300_000],
      [B, 200_000],
      [C, 100_000],
      [D, 50_000],
      [E, 0],
    ]
    for (const [w, amount] of grants) {
      if (amount) await (await token.transfer(w.address, U(amount))).wait()
      await (await funder.sendTransaction({ to: w.address, value: parseEther('1') })).wait()
    }
    const as = (w: Wallet) => tokenContract(ws.sandbox.token.address, w.connect(provider))
    await (await as(A).delegate(A.address)).wait()
    await (await as(B).delegate(E.address)).wait()
    await (await as(C).delegate(B.address)).wait()
    for (const kind of ['technical', 'treasury_spending'] as const)
      await ws.call('governance.updateRules', {
        kind,
        rules: { ...rules, timelockSeconds: 3_600, gracePeriodSeconds: 7_200 },
      })
  })
  afterAll(async () => {
    provider?.destroy()
    await ws.ctx.close()
  })

  it('delegates by an offline-signed delegateBySig (ERC20Votes Delegation type), relayed by another account', async () => {
    const request = await ws.call('governance.delegationRequest', { delegator: D.address, delegatee: D.address })
    expect(request.typedData.primaryType).toBe('Delegation')
    expect(request.typedData.domain).toMatchObject({ name: 'AITBC Governance Token', version: '1', chainId: 31337 })
    const { types, domain: tokenDomain, message } = request.typedData
    const offline = new Wallet(D.privateKey) // no provider: signed on an air-gapped machine
    const signature = await offline.signTypedData(
      tokenDomain,
      { Delegation: types.Delegation },
      message as Record<string, string>,
    )
    // The API relays only with a key of this app's key store: the funder is not one of them, and it says so.
    await expect(
      ws.call('governance.submitDelegation', {
        delegator: D.address,
        delegatee: D.address,
        nonce: String(message.nonce),
        expiry: String(message.expiry),
        signature,
        relayer: ws.sandbox.funder.address,
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(LOCKED|NOT_FOUND)$/) })
    // A signature by someone else for D is refused before any transaction.
    const forged = await A.signTypedData(tokenDomain, DELEGATION_TYPES, message as Record<string, string>)
    await expect(
      ws.call('governance.submitDelegation', {
        delegator: D.address,
        delegatee: D.address,
        nonce: String(message.nonce),
        expiry: String(message.expiry),
        signature: forged,
        relayer: ws.sandbox.funder.address,
      }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/signed by/) })
    // The core relays it with the funder paying the gas.
    const onChain = await readTokenDomain(ws.sandbox.rpcUrl, 31337, ws.sandbox.token.address)
    expect(onChain).toEqual(tokenDomain)
    await submitDelegateBySig(
      ws.sandbox.rpcUrl,
      31337,
      ws.sandbox.token.address,
      new Wallet(ws.sandbox.funder.privateKey),
      { delegatee: D.address, nonce: String(message.nonce), expiry: String(message.expiry) },
      signature,
    )
    const d = await ws.call('governance.delegation', { account: D.address })
    expect(d).toMatchObject({ delegate: D.address, votes: U(50_000).toString(), nonce: '1' })
    const e = await ws.call('governance.delegation', { account: E.address })
    expect(e).toMatchObject({ balance: '0', votes: U(200_000).toString(), delegatedToMe: U(200_000).toString() })
    expect(e.delegators).toEqual([{ address: B.address, balance: U(200_000).toString() }])
    const b = await ws.call('governance.delegation', { account: B.address })
    expect(b).toMatchObject({ delegate: E.address, votes: U(100_000).toString() }) // C's, not its own
  })

  let passing: string
  let failing: string
  let noQuorum: string

  it('derives Pending, then Active, and counts weights at the snapshot even after delegation moves', async () => {
    passing = (await create('Quorum met, passes')).id
    failing = (await create('Quorum met, fails')).id
    noQuorum = (await create('Quorum missed')).id
    const p = await ws.call('governance.get', { id: passing })
    expect(p).toMatchObject({ state: 'Pending', quorum: null, rules: expect.objectContaining({ quorumBps: 250 }) })
    expect(p.snapshotBlock - p.createdBlock).toBe(2)
    expect(p.endBlock - p.snapshotBlock).toBe(10)
    await expect(importVotes(await vote(A, passing, 1))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/not started/),
    })

    await mine(3)
    expect((await ws.call('governance.get', { id: passing })).state).toBe('Active')
    // B re-delegates from E to A after the snapshot: E keeps 200k for these proposals, A does not gain it.
    await (await tokenContract(ws.sandbox.token.address, B.connect(provider)).delegate(A.address)).wait()
    expect((await ws.call('governance.delegation', { account: E.address })).votes).toBe('0')

    const r = await importVotes(
      await vote(A, passing, 1),
      await vote(A, failing, 0),
      await vote(E, failing, 1),
      await vote(D, failing, 2),
      await vote(B, noQuorum, 1),
      await vote(D, noQuorum, 1),
    )
    expect(r).toMatchObject({ accepted: 6, refused: 0 })
    const weight = (voter: string, id: string) =>
      r.outcomes.find((o) => o.voter === voter && o.proposalId === id)?.weight
    expect(weight(A.address, passing)).toBe(U(300_000).toString()) // not 500k: B's move came after the snapshot
    expect(weight(E.address, failing)).toBe(U(200_000).toString())
    expect(weight(B.address, noQuorum)).toBe(U(100_000).toString())
    const live = await ws.call('governance.get', { id: failing })
    expect(live).toMatchObject({
      state: 'Active',
      voters: 3,
      quorum: U(250_000).toString(), // 2.5 % of the 10M past total supply
      quorumReached: true,
      tally: { for: U(200_000).toString(), against: U(300_000).toString(), abstain: U(50_000).toString() },
    })
  })

  it('refuses a zero-power voter, a signature for another proposal or chain, and a malformed file, writing nothing', async () => {
    const before = (await ws.call('audit.list', { limit: 1 })).total
    await expect(importVotes(await vote(nobody, passing, 1))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/no voting power at snapshot block/),
    })
    const moved = await vote(A, passing, 0)
    moved.typedData.message.proposalId = failing // A signed for `passing`; the file now claims `failing`
    await expect(importVotes(moved)).rejects.toMatchObject({
      message: expect.stringMatching(/not .*'s over this vote/),
    })
    const otherChainDomain = governanceDomain(1, ws.sandbox.token.address)
    const m: VoteMessage = { proposalId: passing, support: 1, voter: A.address, timestamp: 1, reason: '' }
    const otherChain = voteFile(otherChainDomain, m, await signVote(A, otherChainDomain, m))
    await expect(importVotes(otherChain)).rejects.toMatchObject({
      message: expect.stringMatching(/signed for chain 1/),
    })
    for (const text of ['{"format":"aitbc-governance-vote"', '{"format":"aitbc-governance-vote","version":1}'])
      await expect(ws.call('governance.importVotes', { text, skipRefused: false })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/vote file was refused/),
      })
    // A bundle with one bad vote is refused whole, unless the refused ones are to be skipped.
    await expect(importVotes(await vote(B, passing, 1), await vote(nobody, passing, 1))).rejects.toMatchObject({
      message: expect.stringMatching(/votes\[1\].*Nothing was imported/),
    })
    expect((await ws.call('audit.list', { limit: 1 })).total).toBe(before)
    const skipped = await ws.call('governance.importVotes', {
      text: JSON.stringify(voteBundle([await vote(nobody, passing, 1)])),
      skipRefused: true,
    })
    expect(skipped).toMatchObject({ accepted: 0, refused: 1 })
  })

  it('decides at the end: quorum met and passed, quorum met and failed, quorum missed; votes after the end refused', async () => {
    const p = await ws.call('governance.get', { id: passing })
    await mine(p.endBlock - (await provider.getBlockNumber()) + 1)
    expect((await ws.call('governance.get', { id: passing })).state).toBe('Succeeded')
    expect((await ws.call('governance.get', { id: failing })).state).toBe('Defeated')
    const missed = await ws.call('governance.get', { id: noQuorum })
    expect(missed).toMatchObject({ state: 'Defeated', quorumReached: false, passed: true })
    await expect(importVotes(await vote(C, passing, 1))).rejects.toMatchObject({
      message: expect.stringMatching(/voting ended at block/),
    })
    const list = await ws.call('governance.list', {})
    expect(list.proposals.map((s) => s.state)).toEqual(expect.arrayContaining(['Succeeded', 'Defeated', 'Defeated']))
  })

  it('queues, blocks on an open dispute until the council resolves it, then expires after the grace period', async () => {
    const dispute = await ws.call('governance.raiseDispute', {
      subjectKind: 'governance_proposal',
      subjectRef: passing,
      raisedBy: 'Dana (community)',
      reason: 'The vote ran over a holiday week.',
    })
    await expect(ws.call('governance.queue', { id: passing })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/dispute #/),
    })
    const council = (await ws.call('governance.settings', {})).council
    expect(council).toEqual(ws.sandbox.signers.map((s) => s.address))
    const decision = 'Turnout was normal; the vote stands.'
    // Not a council member; a member's signature over another outcome; then the member's own: a council act.
    const content = { disputeId: dispute.id, outcome: 'dismissed', decision }
    await expect(councilAct(ws, 'dispute-resolution', content, [A])).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    const alice = new Wallet(ws.sandbox.signers[0].privateKey)
    await expect(
      ws.call('council.sign', {
        request: await ws.call('council.request', { kind: 'dispute-resolution', content }),
        signer: alice.address,
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^(LOCKED|NOT_FOUND)$/) })
    const request = await ws.call('council.request', { kind: 'dispute-resolution', content })
    expect(request.message).toMatchObject({ act: 'dispute-resolution', subject: `dispute:${dispute.id}` })
    const upheld = await ws.call('council.request', {
      kind: 'dispute-resolution',
      content: { ...content, outcome: 'upheld' },
    })
    const wrong = await signCouncilAct(alice, upheld)
    await expect(
      ws.call('council.submit', { request, signatures: [{ signer: alice.address, signature: wrong }] }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/recovers to/) })
    await ws.call('council.submit', {
      request,
      signatures: [{ signer: alice.address, signature: await signCouncilAct(alice, request) }],
    })
    const resolved = (await ws.call('governance.disputes', {})).find((d) => d.id === dispute.id)
    expect(resolved).toMatchObject({ status: 'dismissed', resolvedBy: alice.address, decision })

    const queued = await ws.call('governance.queue', { id: passing })
    expect(queued.state).toBe('Queued')
    expect(queued.timeline.eta! - queued.timeline.queuedAt!).toBe(3_600)
    expect(queued.actions.markImplemented).toBe(false) // timelock still running
    await travel(3_600 + 7_200)
    expect((await ws.call('governance.get', { id: passing })).state).toBe('Expired')
    const actions = (await ws.call('audit.list', { limit: 100 })).events.map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining(['dispute.raised', 'dispute.resolved', 'governance.proposal.queued']),
    )
    expect((await ws.call('audit.verify', {})).ok).toBe(true)
  })

  it('cancels only with the author’s or a council member’s signature, before the end', async () => {
    const p = await create('To be withdrawn')
    await expect(
      ws.call('governance.cancel', { id: p.id, by: nobody.address, note: 'x', signature: undefined }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    const note = 'Superseded by a better proposal'
    const signature = await signAction(A, domain, { action: 'cancel-proposal', subject: p.id, signer: A.address, note })
    const canceled = await ws.call('governance.cancel', { id: p.id, by: A.address, note, signature })
    expect(canceled).toMatchObject({ state: 'Canceled', canceled: { by: A.address, note } })
    await mine(3)
    await expect(importVotes(await vote(A, p.id, 1))).rejects.toMatchObject({
      message: expect.stringMatching(/canceled/),
    })
    await expect(ws.call('governance.cancel', { id: passing, by: A.address, note, signature })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })

  it('turns a passed spending proposal into the Safe transaction it approved, and shows Executed once the Safe runs it', async () => {
    const recipient = Wallet.createRandom().address
    const amount = U(1_234)
    await expect(create('Spend without transfers', 'treasury_spending')).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const p = await create('Pay the auditors', 'treasury_spending', {
      spending: {
        safe: ws.sandbox.safeAddress,
        transfers: [{ recipient, token: ws.sandbox.token.address, amount: amount.toString() }],
      },
    })
    expect(p.spending?.transfers[0]).toMatchObject({ symbol: 'AITBC', amount: amount.toString() })
    await mine(3)
    await importVotes(await vote(A, p.id, 1))
    await mine(11)
    expect((await ws.call('governance.get', { id: p.id })).state).toBe('Succeeded')
    expect(await ws.call('governance.spendingDraft', { id: p.id })).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/Succeeded/),
    })
    await ws.call('governance.queue', { id: p.id })
    expect((await ws.call('governance.spendingDraft', { id: p.id })).reason).toMatch(/timelock runs until/)
    await travel(3_601)
    const ready = await ws.call('governance.get', { id: p.id })
    expect(ready).toMatchObject({ state: 'Queued', draftReady: true })

    const draft = await ws.call('governance.spendingDraft', { id: p.id })
    expect(draft.ready).toBe(true)
    const safe = new Contract(ws.sandbox.safeAddress, SAFE_ABI, provider)
    const nonce = Number(await safe.nonce())
    expect(draft.safeTx).toMatchObject({ to: ws.sandbox.token.address, value: '0', operation: 0, nonce: String(nonce) })
    expect(draft.safeTxHash).toBe(safeTxHash(31337, ws.sandbox.safeAddress, draft.safeTx!))
    // A SafeTx that pays someone else is not the one the vote approved.
    await expect(
      ws.call('governance.linkSafeTx', { id: p.id, safeTx: { ...draft.safeTx!, data: '0x' } }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' })
    const linked = await ws.call('governance.linkSafeTx', { id: p.id, safeTx: draft.safeTx! })
    expect(linked.safe?.link?.safeTxHash).toBe(draft.safeTxHash)
    expect(linked.state).toBe('Queued')

    // Two owners sign offline and one executes: what the Safe proposals flow does, here by hand.
    const [alice, bob] = ws.sandbox.signers.map((s) => new Wallet(s.privateKey))
    const signatures = packSignatures(
      await Promise.all(
        [alice, bob].map(async (w) => ({
          signer: w.address,
          data: await signSafeTx(w, 31337, ws.sandbox.safeAddress, draft.safeTx!),
        })),
      ),
    )
    const tx = draft.safeTx!
    const exec = await (safe.connect(alice.connect(provider)) as Contract).execTransaction(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      signatures,
    )
    const receipt = await exec.wait()
    expect(await tokenContract(ws.sandbox.token.address, provider).balanceOf(recipient)).toBe(amount)

    const done = await ws.call('governance.get', { id: p.id })
    expect(done).toMatchObject({ state: 'Executed', safe: { execution: { txHash: receipt.hash } }, warnings: [] })
    const events = (await ws.call('audit.list', { limit: 50 })).events.filter(
      (e) => e.subject === `governance-proposal:${p.id}`,
    )
    expect(events.map((e) => e.action).reverse()).toEqual([
      'governance.proposal.created',
      'governance.votes.imported',
      'governance.proposal.queued',
      'governance.proposal.safe-linked',
    ])
  })

  it('drafts the Safe proposal of a passed spending proposal into the Proposals queue, and shows Executed once it runs', async () => {
    const recipient = Wallet.createRandom().address
    const amount = U(77)
    const p = await create('Pay the designers', 'treasury_spending', {
      spending: {
        safe: ws.sandbox.safeAddress,
        transfers: [
          { recipient, token: ws.sandbox.token.address, amount: amount.toString() },
          { recipient, token: null, amount: '1000' },
        ],
      },
    })
    await mine(3)
    await importVotes(await vote(A, p.id, 1))
    await mine(11)
    await expect(ws.call('governance.draftSafeProposal', { id: p.id })).rejects.toMatchObject({ code: 'CONFLICT' })
    await ws.call('governance.queue', { id: p.id })
    await expect(ws.call('governance.draftSafeProposal', { id: p.id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/timelock/),
    })
    await travel(3_601)
    const drafted = await ws.call('governance.draftSafeProposal', { id: p.id })
    const safeProposalId = Number(drafted.safe?.link?.safeProposalId)
    expect(safeProposalId).toBeGreaterThan(0)
    const sp = await ws.call('proposals.get', { id: safeProposalId })
    expect(sp).toMatchObject({
      kind: 'batch',
      status: 'awaiting_signatures',
      grantLink: `governance:${p.id}`,
      safeTxHash: drafted.safe?.link?.safeTxHash,
    })
    expect(sp.governanceProposalId).toBe(p.id)
    await expect(ws.call('governance.draftSafeProposal', { id: p.id })).rejects.toMatchObject({ code: 'CONFLICT' })

    for (const s of ws.sandbox.signers.slice(0, 2)) {
      const signature = await signSafeTx(new Wallet(s.privateKey), 31337, ws.sandbox.safeAddress, sp.safeTx)
      ws.ctx.mutate(
        (r: { signer: string }) => ({
          actor: r.signer,
          action: 'proposal.signature_added',
          subject: `proposal:${sp.id}`,
        }),
        () => addProposalSignature(ws.db, sp.id, { signature, source: 'local' }),
      )
    }
    expect(requireProposal(ws.db, sp.id).status).toBe('ready')
    const executed = await ws.call('proposals.execute', { id: sp.id })
    expect(executed.status).toBe('executed')
    expect(await tokenContract(ws.sandbox.token.address, provider).balanceOf(recipient)).toBe(amount)
    const done = await ws.call('governance.get', { id: p.id })
    expect(done).toMatchObject({ state: 'Executed', safe: { execution: { txHash: executed.executions[0].txHash } } })
  })

  it('drafts a ready spending proposal on the Safe sync', async () => {
    const p = await create('Pay the translators', 'treasury_spending', {
      spending: {
        safe: ws.sandbox.safeAddress,
        transfers: [{ recipient: Wallet.createRandom().address, token: ws.sandbox.token.address, amount: '5' }],
      },
    })
    await mine(3)
    await importVotes(await vote(A, p.id, 1))
    await mine(11)
    await ws.call('governance.queue', { id: p.id })
    await ws.call('proposals.sync', {})
    expect((await ws.call('governance.get', { id: p.id })).safe?.link).toBeNull()
    await travel(3_601)
    await ws.call('proposals.sync', {})
    const linked = await ws.call('governance.get', { id: p.id })
    const sp = await ws.call('proposals.get', { id: Number(linked.safe!.link!.safeProposalId) })
    expect(sp).toMatchObject({ governanceProposalId: p.id, status: 'awaiting_signatures' })
    await ws.call('proposals.cancel', { id: sp.id })
  })

  it('records a passed non-spending proposal as implemented, by a council signature after its timelock', async () => {
    const p = await create('Adopt the new grants policy')
    await mine(3)
    await importVotes(await vote(A, p.id, 1))
    await mine(11)
    await ws.call('governance.queue', { id: p.id })
    const alice = new Wallet(ws.sandbox.signers[0].privateKey)
    const note = 'Published in the handbook, section 4.'
    const sign = () =>
      signAction(alice, domain, { action: 'record-implemented', subject: p.id, signer: alice.address, note })
    await expect(
      ws.call('governance.markImplemented', { id: p.id, by: alice.address, note, signature: await sign() }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/past its timelock/) })
    await travel(3_601)
    expect((await ws.call('governance.get', { id: p.id })).actions.markImplemented).toBe(true)
    const done = await ws.call('governance.markImplemented', {
      id: p.id,
      by: alice.address,
      note,
      signature: await sign(),
    })
    expect(done).toMatchObject({ state: 'Executed', implemented: { by: alice.address, note } })
  })

  it('reports participation: turnout per proposal, success rate, delegates ranking and concentration', async () => {
    const report = await ws.call('governance.participation', {})
    const row = report.proposals.find((r) => r.id === failing)!
    expect(row).toMatchObject({ voters: 3, cast: U(550_000).toString(), turnoutBps: 550 }) // 550k of 10M = 5.5 %
    expect(report.success.decided).toBeGreaterThanOrEqual(4)
    expect(report.success.passed).toBeGreaterThanOrEqual(2)
    const a = report.delegates.find((d) => d.delegate === A.address)!
    expect(a).toMatchObject({ votes: U(500_000).toString(), delegators: 2 }) // A itself and B
    expect(report.concentration.nakamoto).toBeGreaterThanOrEqual(1)
    expect(report.delegatesError).toBeUndefined()
  })
})
