import { test, expect, appApi, gotoRoute, hostChain, postJson } from './fixtures'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Contract,
  ContractFactory,
  Interface,
  JsonRpcProvider,
  Signature,
  Wallet,
  keccak256,
  toUtf8Bytes,
} from 'ethers'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { governanceDomain, signVote, type VoteMessage } from '../src/main/core/governance/typed-data'
import { DELEGATION_TYPES, readTokenDomain } from '../src/main/core/governance/chain'
import { voteFile } from '../src/main/core/governance/files'
import spreader from '../bench/contracts/HolderSpreader.json'

const VOTERS = 1_200
const BAD_LINE = 700
const SUPPORT = (i: number) => (i % 10 < 6 ? 1 : i % 10 < 9 ? 0 : 2) as 0 | 1 | 2
const votesAbi = new Interface(['function getPastVotes(address, uint256) view returns (uint256)'])

test('a vote-lines file of 1,200 signed votes is uploaded in chunks and tallied as the chain weighs the voters', async ({
  app,
}) => {
  test.setTimeout(600_000)
  const api = appApi(app)
  const chain = await hostChain(app)
  const settings = await api('governance.settings', {})
  const token = settings.token!.address
  const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { cacheTimeout: -1 })
  const dir = mkdtempSync(join(tmpdir(), 'vote-import-e2e-'))
  try {
    // Holders with known keys get tokens and delegate to themselves (a helper contract: a few transactions).
    const funder = new Wallet(sandboxAccounts().funder.privateKey, provider)
    const voters = Array.from(
      { length: VOTERS },
      (_, i) => new Wallet(keccak256(toUtf8Bytes(`aitbc-e2e-vote-import-${i}`))),
    )
    const deployed = await new ContractFactory(spreader.abi, spreader.bytecode, funder).deploy()
    await deployed.waitForDeployment()
    const helper = new Contract(await deployed.getAddress(), spreader.abi, funder)
    const erc20 = new Contract(token, ['function transfer(address,uint256) returns (bool)'], funder)
    await (await erc20.transfer(await helper.getAddress(), 2_000_000n * 10n ** 18n)).wait()
    for (let at = 0; at < VOTERS; at += 300) {
      const part = voters.slice(at, at + 300)
      const amounts = part.map((_, k) => BigInt(1 + ((at + k) % 97)) * 10n ** 18n)
      await (
        await helper.spread(
          token,
          part.map((w) => w.address),
          amounts,
          { gasLimit: 16_000_000 },
        )
      ).wait()
    }
    const tokenDomain = await readTokenDomain(chain.rpcUrl, chain.chainId, token)
    for (let at = 0; at < VOTERS; at += 100) {
      const sigs = await Promise.all(
        voters.slice(at, at + 100).map(async (w) => {
          const message = { delegatee: w.address, nonce: 0n, expiry: 2n ** 40n }
          const sig = await w.signTypedData(tokenDomain, DELEGATION_TYPES, message)
          const { v, r, s } = Signature.from(sig)
          return { ...message, v, r, s }
        }),
      )
      await (await helper.delegateMany(token, sigs, { gasLimit: 16_000_000 })).wait()
    }

    // A decision whose snapshot follows the delegations; voting opens after it.
    await api('governance.updateRules', {
      kind: 'technical',
      rules: {
        votingDelayBlocks: 2,
        votingPeriodBlocks: 500,
        quorumBps: 1,
        passThresholdBps: 5000,
        timelockSeconds: 3_600,
        gracePeriodSeconds: 7_200,
      },
    })
    const created = await api('governance.create', {
      kind: 'technical',
      title: 'Adopt the vote-lines format',
      body: 'Many votes, one file.',
      proposer: funder.address,
    })
    await provider.send('hardhat_mine', ['0x4'])

    // The file: one signed vote per line, a long reason on each (so it spans two chunks), one bad line in the middle.
    const domain = governanceDomain(chain.chainId, token)
    const now = Math.floor(Date.now() / 1000)
    const lines: string[] = []
    for (const [i, w] of voters.entries()) {
      if (lines.length + 1 === BAD_LINE) lines.push('{"format": "aitbc-governance-vote", "version": 1')
      const message: VoteMessage = {
        proposalId: created.id,
        support: SUPPORT(i),
        voter: w.address,
        timestamp: now - (i % 600),
        reason: `voter ${i}: ` + 'the treasury should publish its reasons. '.repeat(23),
      }
      lines.push(JSON.stringify(voteFile(domain, message, await signVote(w, domain, message))))
    }
    const file = join(dir, 'votes.jsonl')
    writeFileSync(file, lines.join('\n') + '\n')
    const size = Buffer.byteLength(lines.join('\n') + '\n')
    expect(size).toBeGreaterThan(2 * 1024 * 1024)

    // Upload it on the proposal's page.
    await gotoRoute(app, `/governance/${created.id}`)
    const card = app.page.getByTestId('vote-lines-import')
    await expect(card).toBeVisible()
    const t0 = Date.now()
    await card.getByLabel('Vote lines file').setInputFiles(file)
    const result = card.getByTestId('vote-lines-result')
    await expect(result).toContainText(`${VOTERS.toLocaleString('en-US')} accepted`, { timeout: 300_000 })
    console.log(`vote-import e2e: ${VOTERS} votes, ${size} bytes: chosen to summary shown in ${Date.now() - t0} ms`)
    await expect(result).toContainText(`${(VOTERS + 1).toLocaleString('en-US')} lines`)
    await expect(result.getByTestId('vote-lines-bad')).toContainText(`Line ${BAD_LINE}: not JSON`)

    // The tally the API answers is the voters' getPastVotes at the snapshot, read from the chain here.
    const detail = await api('governance.get', { id: created.id })
    const want = { for: 0n, against: 0n, abstain: 0n }
    const past = new Map<string, bigint>()
    for (let at = 0; at < VOTERS; at += 250) {
      const part = voters.slice(at, at + 250)
      const res = await postJson(
        chain.rpcUrl,
        part.map((w, k) => ({
          jsonrpc: '2.0',
          id: k,
          method: 'eth_call',
          params: [
            { to: token, data: votesAbi.encodeFunctionData('getPastVotes', [w.address, detail.snapshotBlock]) },
            'latest',
          ],
        })),
      )
      const answers = res.json as Array<{ id: number; result: string }>
      for (const a of answers) past.set(part[a.id].address, BigInt(a.result))
    }
    for (const [i, w] of voters.entries()) {
      const power = past.get(w.address)!
      expect(power, w.address).toBe(BigInt(1 + (i % 97)) * 10n ** 18n)
      want[(['against', 'for', 'abstain'] as const)[SUPPORT(i)]] += power
    }
    expect(detail.tally).toEqual({
      for: want.for.toString(),
      against: want.against.toString(),
      abstain: want.abstain.toString(),
    })
    expect(detail.voters).toBe(VOTERS)
    for (const v of detail.votes) expect(v.weight, v.voter).toBe(past.get(v.voter)!.toString())
  } finally {
    provider.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
})
