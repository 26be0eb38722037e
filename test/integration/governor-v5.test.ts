// castVoteBySig ballots for an OpenZeppelin 5.x Governor the app did not deploy: an ERC20Votes token, a
// TimelockController and a Governor compiled from @openzeppelin/contracts 5.0.2 (test/fixtures/governor-v5), deployed
// with plain ethers on the sandbox chain. The app reads the ballot kind from BALLOT_TYPEHASH, signs Ballot(proposalId,
// support, voter, nonce), checks the nonce on chain and relays castVoteBySig(proposalId, support, voter, signature).
// Digests are recomputed with viem; votes and nonces are read from the Governor with plain ethers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Contract,
  ContractFactory,
  JsonRpcProvider,
  Wallet,
  ZeroAddress,
  encryptKeystoreJson,
  parseEther,
  parseUnits,
  toBeHex,
  type InterfaceAbi,
} from 'ethers'
import { hashTypedData, keccak256 as viemKeccak, toBytes } from 'viem'
import { sandboxWorkspace } from './helpers'
import { signBallot } from '../../src/main/core/governor/ballot'
import { BALLOT_FORMAT, ballotFileSchema } from '../../src/shared/contract/governor'
import v5Json from '../fixtures/governor-v5/GovernorV5.json'

type Artifact = { abi: InterfaceAbi; bytecode: string }
const v5 = v5Json.contracts as unknown as Record<'VotesTokenV5' | 'TimelockV5' | 'GovernorV5' | 'OwnedVoter', Artifact>
const ROOT = process.cwd()
const NAME = 'Five DAO Governor'
const WEIGHT = parseUnits('1000', 18)

const ballotTypes = {
  Ballot: [
    { name: 'proposalId', type: 'uint256' },
    { name: 'support', type: 'uint8' },
    { name: 'voter', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const

function cli(args: string[]) {
  return spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
}

describe('castVoteBySig ballots on an OpenZeppelin 5.x Governor the app did not deploy', () => {
  let ws: ReturnType<typeof sandboxWorkspace>
  let provider: JsonRpcProvider
  let governor: Contract
  let governorAddress: string
  let proposalId: bigint
  const [deployer, ann, ben, cat, relayer, dan] = Array.from({ length: 6 }, () => Wallet.createRandom())
  let contractVoter: string

  beforeAll(async () => {
    ws = sandboxWorkspace()
    provider = new JsonRpcProvider(ws.sandbox.rpcUrl, undefined, { cacheTimeout: -1 })
    for (const w of [deployer, ann, ben, cat, relayer, dan])
      await provider.send('hardhat_setBalance', [w.address, toBeHex(parseEther('100'))])
    const from = deployer.connect(provider)
    const deploy = async (a: Artifact, args: unknown[]) =>
      (await new ContractFactory(a.abi, a.bytecode, from).deploy(...args)).waitForDeployment()
    const token = await deploy(v5.VotesTokenV5, [[ann.address, ben.address, cat.address], WEIGHT])
    const timelock = await deploy(v5.TimelockV5, [3600, [], [ZeroAddress], deployer.address])
    // Block clock: voting starts 1 block after proposing and lasts 50; threshold 0; quorum 4 % of 3,000.
    governor = (await deploy(v5.GovernorV5, [
      NAME,
      await token.getAddress(),
      await timelock.getAddress(),
      1,
      50,
      0,
      4,
    ])) as Contract
    governorAddress = await governor.getAddress()
    for (const holder of [ann, ben, cat]) {
      const t = new Contract(await token.getAddress(), v5.VotesTokenV5.abi, holder.connect(provider))
      await (await t.delegate(holder.address)).wait()
    }
    // A contract voter (ERC-1271) that accepts what Dan's key signs; it holds 400 of Ben's tokens and delegates them.
    const wallet = await deploy(v5.OwnedVoter, [dan.address])
    contractVoter = await wallet.getAddress()
    const fromBen = new Contract(await token.getAddress(), v5.VotesTokenV5.abi, ben.connect(provider))
    await (await fromBen.transfer(contractVoter, parseUnits('400', 18))).wait()
    await (await (wallet.connect(from) as Contract).delegateVotes(await token.getAddress())).wait()
    const target = await token.getAddress()
    const description = '# Ballots on a 5.x Governor\n\nNothing to execute: a signal vote.'
    const g = governor.connect(from) as Contract
    await (await g.propose([target], [0], ['0x'], description)).wait()
    proposalId = (await governor.hashProposal([target], [0], ['0x'], viemKeccak(toBytes(description)))) as bigint
    await provider.send('hardhat_mine', ['0x2'])
    expect(await governor.state(proposalId)).toBe(1n) // Active

    await ws.keys.importUnlocked(
      [
        { privateKey: ann.privateKey, label: 'Ann' },
        { privateKey: cat.privateKey, label: 'Cat' },
        { privateKey: relayer.privateKey, label: 'Relayer' },
        { privateKey: dan.privateKey, label: 'Dan' },
      ],
      'five passphrase 1',
      'test',
    )
  }, 120_000)

  afterAll(() => provider?.destroy())

  it('the fixture is OpenZeppelin 5.0.2 compiled from the committed source', () => {
    const source = readFileSync(join(ROOT, 'test/fixtures/governor-v5/GovernorV5.sol'), 'utf8').replace(/\r\n/g, '\n')
    expect(createHash('sha256').update(source).digest('hex')).toBe(v5Json.sourceSha256)
    expect(v5Json.openzeppelinVersion).toBe('5.0.2')
  })

  it('connects by address and reads its ballot kind from BALLOT_TYPEHASH', async () => {
    const view = await ws.call('governor.connect', { address: governorAddress })
    expect(view).toMatchObject({ name: NAME, version: '1' })
    expect(view.settings).toMatchObject({ ballotKind: 'oz5', votingPeriod: '50', timelockDelaySeconds: '3600' })
    // The constant on chain is keccak256 of the 5.x type string, computed here by viem.
    expect(await governor.BALLOT_TYPEHASH()).toBe(
      viemKeccak(toBytes('Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)')),
    )
  })

  it('signs a 5.x ballot, relays it and the vote is on chain; a replay is refused by its used nonce', async () => {
    const ballot = await ws.call('governor.signBallot', {
      governor: governorAddress,
      proposalId: proposalId.toString(),
      voter: ann.address,
      support: 'for',
    })
    expect(ballot).toMatchObject({ version: 2, ballotKind: 'oz5', voter: ann.address, nonce: '0' })
    const viemDigest = hashTypedData({
      domain: {
        name: NAME,
        version: '1',
        chainId: ws.sandbox.chainId,
        verifyingContract: governorAddress as `0x${string}`,
      },
      types: ballotTypes,
      primaryType: 'Ballot',
      message: { proposalId, support: 1, voter: ann.address as `0x${string}`, nonce: 0n },
    })
    expect(ballot.digest).toBe(viemDigest)

    const relayed = await ws.call('governor.relayBallot', { ballot, relayer: relayer.address })
    expect(relayed).toMatchObject({ proposalId: proposalId.toString(), state: 'Active' })
    expect(await governor.hasVoted(proposalId, ann.address)).toBe(true)
    const [against, forVotes, abstain] = (await governor.proposalVotes(proposalId)) as bigint[]
    expect([against, forVotes, abstain]).toEqual([0n, WEIGHT, 0n])
    expect(await governor.nonces(ann.address)).toBe(1n)
    // The relayer paid the gas; the Governor counted Ann.
    const tx = await provider.getTransaction(relayed.transactionHash)
    expect(tx?.from).toBe(relayer.address)
    const votes = await ws.call('governor.votes', { governor: governorAddress, proposalId: proposalId.toString() })
    expect(votes.map((v) => [v.voter, v.support, v.weight])).toEqual([[ann.address, 'for', WEIGHT.toString()]])

    await expect(ws.call('governor.relayBallot', { ballot, relayer: relayer.address })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/nonce 0 is already used .*next nonce is 1/),
    })
    const audit = ws.db
      .prepare("SELECT actor, payload FROM audit_events WHERE action = 'governor.ballotRelayed'")
      .all() as Array<{ actor: string; payload: string }>
    expect(audit).toHaveLength(1)
    expect(audit[0].actor).toBe(relayer.address)
    expect(JSON.parse(audit[0].payload)).toMatchObject({ voter: ann.address, ballotKind: 'oz5', nonce: '0' })
  })

  it('refuses a ballot for the wrong voter, as the Governor itself would, and a 4.x ballot', async () => {
    // Ben's key signs a ballot naming Cat as the voter: the fields and digest agree, the signer does not.
    const domain = { name: NAME, version: '1', chainId: ws.sandbox.chainId, verifyingContract: governorAddress }
    const message = { proposalId, support: 0, voter: cat.address, nonce: 0n }
    const signature = await ben.signTypedData(domain, ballotTypes as never, message)
    const forged = ballotFileSchema.parse({
      format: BALLOT_FORMAT,
      version: 2,
      ballotKind: 'oz5',
      chainId: ws.sandbox.chainId,
      governor: governorAddress,
      governorName: NAME,
      governorVersion: '1',
      proposalId: proposalId.toString(),
      support: 0,
      voter: cat.address,
      nonce: '0',
      digest: hashTypedData({
        domain: { ...domain, verifyingContract: governorAddress as `0x${string}` },
        types: ballotTypes,
        primaryType: 'Ballot',
        message: { ...message, voter: cat.address as `0x${string}` },
      }),
      signature,
    })
    await expect(ws.call('governor.relayBallot', { ballot: forged, relayer: relayer.address })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(new RegExp(`signed by ${ben.address}, not ${cat.address}`)),
    })
    // The chain agrees: sent directly, the Governor reverts it.
    const direct = governor.connect(relayer.connect(provider)) as Contract
    await expect(
      direct
        .getFunction('castVoteBySig(uint256,uint8,address,bytes)')
        .staticCall(proposalId, 0, cat.address, signature),
    ).rejects.toThrow()
    // A 4.x ballot (no voter, no nonce) for this Governor is refused by kind.
    const old = await signBallot(
      cat,
      { chainId: ws.sandbox.chainId, governor: governorAddress, name: NAME, version: '1' },
      { kind: 'oz4', proposalId, support: 1 },
    )
    await expect(ws.call('governor.relayBallot', { ballot: old, relayer: relayer.address })).rejects.toThrow(
      /OpenZeppelin 4\.x ballot; Governor .* takes OpenZeppelin 5\.x ballots/,
    )
    expect(await governor.hasVoted(proposalId, cat.address)).toBe(false)
  })

  it('the CLI signs a 5.x ballot offline from a keystore and a nonce; verify-ballot checks it; it relays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'treasury-ballot-v5-'))
    const keystore = await encryptKeystoreJson({ address: cat.address, privateKey: cat.privateKey }, 'cat pass', {
      scrypt: { N: 1024 },
    })
    writeFileSync(join(dir, 'cat.json'), keystore)
    writeFileSync(join(dir, 'pass.txt'), 'cat pass\n')
    const out = join(dir, 'ballot.json')
    const nonce = (await governor.nonces(cat.address)) as bigint
    const signed = cli([
      '--data-dir',
      dir,
      'governor',
      'ballot',
      '--chain-id',
      String(ws.sandbox.chainId),
      '--governor',
      governorAddress,
      '--name',
      NAME,
      '--proposal',
      proposalId.toString(),
      '--support',
      'against',
      '--nonce',
      nonce.toString(),
      '--keystore',
      join(dir, 'cat.json'),
      '--passphrase-file',
      join(dir, 'pass.txt'),
      '--out',
      out,
    ])
    expect(signed.status, signed.stderr).toBe(0)
    const verified = cli(['governor', 'verify-ballot', out])
    expect(verified.stdout).toContain(`Valid ballot by ${cat.address}`)
    expect(verified.stdout).toContain('OpenZeppelin 5.x ballot, nonce 0')
    const file = JSON.parse(readFileSync(out, 'utf8')) as unknown
    // The same ballot as the app signs it (signatures are deterministic, RFC 6979).
    const fromApp = await ws.call('governor.signBallot', {
      governor: governorAddress,
      proposalId: proposalId.toString(),
      voter: cat.address,
      support: 'against',
    })
    expect(file).toEqual(fromApp)
    // A changed field in the file fails verify-ballot with a non-zero status.
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...fromApp, support: 1 }))
    const bad = cli(['governor', 'verify-ballot', join(dir, 'bad.json')])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/digest does not match/)

    const qr = await ws.call('governor.ballotQr', { ballot: file as never })
    await ws.call('governor.relayBallot', { qrParts: qr.parts, relayer: relayer.address })
    expect(await governor.hasVoted(proposalId, cat.address)).toBe(true)
    expect(((await governor.proposalVotes(proposalId)) as bigint[])[0]).toBe(WEIGHT)
    expect(await governor.nonces(cat.address)).toBe(nonce + 1n)
  }, 60_000)

  it('a contract voter (ERC-1271): its owner key signs for it, the Governor asks the contract; another key is refused', async () => {
    const target = { governor: governorAddress, proposalId: proposalId.toString(), support: 'abstain' as const }
    // Ann's key signs for the contract, which accepts only Dan's: refused before sending, as the Governor would.
    const byAnn = await ws.call('governor.signBallot', { ...target, voter: ann.address, onBehalfOf: contractVoter })
    expect(byAnn).toMatchObject({ voter: contractVoter, nonce: '0', ballotKind: 'oz5' })
    await expect(ws.call('governor.relayBallot', { ballot: byAnn, relayer: relayer.address })).rejects.toThrow(
      /does not accept that signature \(ERC-1271\)/,
    )
    const ballot = await ws.call('governor.signBallot', { ...target, voter: dan.address, onBehalfOf: contractVoter })
    expect(ballot.digest).toBe(
      hashTypedData({
        domain: {
          name: NAME,
          version: '1',
          chainId: ws.sandbox.chainId,
          verifyingContract: governorAddress as `0x${string}`,
        },
        types: ballotTypes,
        primaryType: 'Ballot',
        message: { proposalId, support: 2, voter: contractVoter as `0x${string}`, nonce: 0n },
      }),
    )
    await ws.call('governor.relayBallot', { ballot, relayer: relayer.address })
    expect(await governor.hasVoted(proposalId, contractVoter)).toBe(true)
    expect(((await governor.proposalVotes(proposalId)) as bigint[])[2]).toBe(parseUnits('400', 18))
    expect(await governor.nonces(contractVoter)).toBe(1n)
    await expect(ws.call('governor.relayBallot', { ballot, relayer: relayer.address })).rejects.toThrow(
      /nonce 0 is already used/,
    )
  })
})
