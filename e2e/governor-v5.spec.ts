// Offline ballots on an OpenZeppelin 5.x Governor a DAO deployed itself (test/fixtures/governor-v5, plain ethers, not
// the app): the app connects it by address and says it takes 5.x ballots, a holder signs one on the proposal's row
// (the file is the browser's download), a steward relays that file; the vote and the used nonce are read from the
// chain, and relaying the file again is refused by its nonce.
import { test, expect, appApi, gotoRoute, hostChain } from './fixtures'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Contract,
  ContractFactory,
  JsonRpcProvider,
  Wallet,
  ZeroAddress,
  id,
  parseEther,
  parseUnits,
  toBeHex,
  type InterfaceAbi,
} from 'ethers'

type Artifact = { abi: InterfaceAbi; bytecode: string }
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/governor-v5/GovernorV5.json'), 'utf8')) as {
  contracts: Record<'VotesTokenV5' | 'TimelockV5' | 'GovernorV5', Artifact>
}
const v5 = fixture.contracts

test('a holder signs a 5.x ballot in the app, a steward relays the file, the Governor counts it once', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const provider = new JsonRpcProvider(chain.rpcUrl, undefined, { cacheTimeout: -1 })
  const [dao, holder, steward] = [Wallet.createRandom(), Wallet.createRandom(), Wallet.createRandom()]
  const weight = parseUnits('5000', 18)
  let governor: Contract
  let proposalId: bigint
  try {
    for (const w of [dao, holder, steward])
      await chain.rpc('hardhat_setBalance', [w.address, toBeHex(parseEther('10'))])
    const from = dao.connect(provider)
    const deploy = async (a: Artifact, args: unknown[]) =>
      (await new ContractFactory(a.abi, a.bytecode, from).deploy(...args)).waitForDeployment()
    const token = await deploy(v5.VotesTokenV5, [[holder.address], weight])
    const timelock = await deploy(v5.TimelockV5, [600, [], [ZeroAddress], dao.address])
    const g = await deploy(v5.GovernorV5, ['Guild Governor', token, timelock, 1, 30, 0, 4])
    governor = new Contract(await g.getAddress(), v5.GovernorV5.abi, provider)
    const t = new Contract(await token.getAddress(), v5.VotesTokenV5.abi, holder.connect(provider))
    await (await t.delegate(holder.address)).wait()
    const description = 'Adopt the guild charter\n\nA signal vote.'
    await (await (governor.connect(from) as Contract).propose([await t.getAddress()], [0], ['0x'], description)).wait()
    proposalId = (await governor.hashProposal([await t.getAddress()], [0], ['0x'], id(description))) as bigint
    await chain.rpc('hardhat_mine', ['0x2'])
  } finally {
    provider.destroy()
  }
  const governorAddress = await governor.getAddress()

  for (const [label, w] of [
    ['Holder', holder],
    ['Steward', steward],
  ] as const) {
    await api('keys.import', {
      label,
      passphrase: 'guild passphrase 1',
      source: { kind: 'privateKey', privateKey: w.privateKey },
    })
    await api('keys.unlock', { address: w.address, passphrase: 'guild passphrase 1' })
  }

  await gotoRoute(app, '/governance')
  const connect = page.getByRole('form', { name: 'Connect a Governor' })
  await connect.getByLabel('Governor address').fill(governorAddress)
  await connect.getByRole('button', { name: 'Connect the Governor' }).click()
  const card = page.getByTestId('governor-card').filter({ hasText: 'Guild Governor' })
  await expect(card.getByTestId('governor-ballot-kind')).toContainText('OpenZeppelin 5.x')
  const actor = card.getByTestId('governor-actor')
  const row = card.getByTestId('governor-proposal').filter({ hasText: 'Adopt the guild charter' })
  await expect(row.getByTestId('governor-state')).toHaveText('Active')

  // The holder signs on the row; the ballot file is the browser's download.
  await actor.selectOption(holder.address)
  const download = page.waitForEvent('download')
  await row.getByRole('button', { name: 'Sign a ballot file and QR (for)' }).click()
  const ballotText = readFileSync((await (await download).path())!, 'utf8')
  const ballot = JSON.parse(ballotText) as { ballotKind: string; nonce: string; voter: string }
  expect(ballot).toMatchObject({ ballotKind: 'oz5', nonce: '0', voter: holder.address })
  await expect(row.getByTestId('ballot-signed')).toContainText('nonce 0')
  await expect(row.getByTestId('ballot-qr')).toBeVisible()

  // The steward relays the file and pays the gas.
  await actor.selectOption(steward.address)
  const file = { name: 'ballot-holder.json', mimeType: 'application/json', buffer: Buffer.from(ballotText) }
  await card.getByLabel('Relay a ballot file').setInputFiles(file)
  await expect(card.getByTestId('ballot-relayed')).toBeVisible()
  const read = new JsonRpcProvider(chain.rpcUrl, undefined, { cacheTimeout: -1 })
  try {
    const onChain = governor.connect(read) as Contract
    expect(await onChain.hasVoted(proposalId, holder.address)).toBe(true)
    expect(((await onChain.proposalVotes(proposalId)) as bigint[])[1]).toBe(weight)
    expect(await onChain.nonces(holder.address)).toBe(1n)
  } finally {
    read.destroy()
  }

  // The same file again: its nonce is used, and the page says so.
  await card.getByLabel('Relay a ballot file').setInputFiles({ ...file, name: 'ballot-again.json' })
  await expect(card.getByTestId('ballot-error')).toContainText('nonce 0 is already used')
})
