// Issue 21: binding on-chain governance. A council member proposes a payment from the Safe on the Governor, two
// holders vote in the app, a third signs a ballot on an offline machine and a steward relays the file; after the
// voting period and the timelock delay (the sandbox's clock control) it executes: the outcome is read from the chain.
import { test, expect, appApi, gotoRoute, hostChain } from './fixtures'
import { Wallet, parseUnits } from 'ethers'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { signBallot } from '../src/main/core/governor/ballot'

test('a council member proposes on chain, a holder votes by ballot file, a steward relays it, the Safe pays after the delay', async ({
  app,
}) => {
  test.setTimeout(180_000)
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const { signers, funder } = sandboxAccounts()
  const [alice, bob, carol] = signers
  // The demo signers (the council) and a steward's key, unlocked in the app.
  await api('tutorial.useDemoSigners', {})
  await api('keys.import', {
    label: 'Steward',
    passphrase: 'steward passphrase 1',
    source: { kind: 'privateKey', privateKey: funder.privateKey },
  })
  await api('keys.unlock', { address: funder.address, passphrase: 'steward passphrase 1' })
  const recipient = Wallet.createRandom().address

  await gotoRoute(app, '/governance')
  const onchain = page.getByTestId('onchain-governance')
  await onchain.getByRole('button', { name: 'Deploy the sandbox Governor' }).click()
  const card = page.getByTestId('governor-card')
  await expect(card.getByTestId('governor-settings')).toContainText('quorum 2 % of supply')
  const [governor] = await api('governor.list', {})
  expect(governor.settings?.moduleEnabled).toBe(true)
  const actor = card.getByTestId('governor-actor')

  // Alice (a council member) proposes: 250 AITBC from the Safe.
  await actor.selectOption(alice.address)
  const form = card.getByRole('form', { name: 'New on-chain proposal' })
  await form.getByLabel('Recipient').fill(recipient)
  await form.getByLabel('Amount').fill('250')
  await form.getByLabel('Description (its first line is the title)').fill('Pay the translators\n\n250 AITBC.')
  await form.getByRole('button', { name: 'Propose on chain' }).click()
  await expect(card.getByTestId('governor-proposed')).toContainText('Pending')
  const row = card.getByTestId('governor-proposal').filter({ hasText: 'Pay the translators' })
  await expect(row).toContainText('Send 250 AITBC')

  const clock = card.getByTestId('advance-time')
  const advance = async (seconds: number, blocks: number) => {
    await clock.getByLabel('Seconds').fill(String(seconds))
    await clock.getByLabel('Blocks').fill(String(blocks))
    await clock.getByRole('button', { name: 'Advance time' }).click()
    await expect(clock.getByRole('status')).toBeVisible()
  }
  await advance(0, 2)
  await expect(row.getByTestId('governor-state')).toHaveText('Active')

  // Alice and Bob vote in the app; Alice gives a reason, which the Governor records in its VoteCast event.
  const aliceReason = 'The translators delivered all 12 chapters.'
  const reasonField = row.getByLabel('Reason (optional, on chain)')
  await reasonField.fill(aliceReason)
  await row.getByRole('button', { name: 'Vote for' }).click()
  await expect(reasonField).toHaveValue('')
  await expect(row.getByRole('button', { name: 'Vote for' })).toBeEnabled()
  await actor.selectOption(bob.address)
  await row.getByRole('button', { name: 'Vote for' }).click()
  await expect(row.getByRole('button', { name: 'Vote for' })).toBeEnabled()

  // Carol signs on her offline machine (no app, no network): only the Governor's address, name and version.
  const [listed] = await api('governor.proposals', { governor: governor.address })
  const ballot = await signBallot(
    new Wallet(carol.privateKey),
    { chainId: chain.chainId, governor: governor.address, name: governor.name, version: governor.version },
    { kind: 'oz4', proposalId: BigInt(listed.proposalId), support: 1 },
  )
  // The steward relays the file and pays the gas.
  await actor.selectOption(funder.address)
  await card.getByLabel('Relay a ballot file').setInputFiles({
    name: 'ballot-carol.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(ballot)),
  })
  await expect(card.getByTestId('ballot-relayed')).toBeVisible()
  const votes = await api('governor.votes', { governor: governor.address, proposalId: listed.proposalId })
  expect(votes.map((v) => v.voter).sort()).toEqual([alice.address, bob.address, carol.address].sort())
  expect(votes.find((v) => v.voter === alice.address)?.reason).toBe(aliceReason)
  expect(votes.find((v) => v.voter === bob.address)?.reason).toBe('')
  await row.getByTestId('governor-votes').locator('summary').click()
  await expect(row.getByTestId('governor-vote').filter({ hasText: aliceReason })).toHaveCount(1)

  // The voting period ends; queue; the timelock delay passes; execute.
  await advance(0, 51)
  await expect(row.getByTestId('governor-state')).toHaveText('Succeeded')
  await row.getByRole('button', { name: 'Queue in the timelock' }).click()
  await expect(row.getByTestId('governor-state')).toHaveText('Queued')
  await expect(row.getByTestId('governor-time-left')).toContainText('until executable')
  await expect(row.getByRole('button', { name: 'Execute' })).toHaveCount(0)
  await advance(3600, 1)
  await row.getByRole('button', { name: 'Execute' }).click()
  await expect(row.getByTestId('governor-state')).toHaveText('Executed')

  // The outcome from the chain, then the Safe's history in the app.
  const [token] = (await api('tokens.list', { chainId: chain.chainId })).tokens.filter((t) => t.symbol === 'AITBC')
  expect(await chain.tokenBalance(token.address, recipient)).toBe(parseUnits('250', 18))
  await gotoRoute(app, '/history')
  await expect(page.getByTestId('governor-execution').filter({ hasText: 'Pay the translators' })).toBeVisible()
})
