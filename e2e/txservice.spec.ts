import { Wallet, parseEther } from 'ethers'
import { test, expect, appApi, gotoRoute, hostChain } from './fixtures'
import { expectAccessible } from './a11y'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { startTxServiceStandIn } from '../test/standin/tx-service'
import { plainTransfer, safeWalletUser } from '../test/standin/safe-wallet'
import { viemSafeTxHash } from '../test/independent/viem-safe-tx'

// The host's background outbox runner stays out of the way: this journey posts and retries by hand, on screen.
process.env.TREASURY_TXSERVICE_OUTBOX_MS = '600000'

const { signers } = sandboxAccounts()
const [alice, bob, carol] = signers

// One host for the whole journey (a sandbox chain and a browser per host are the costly part on these machines).
test('the Safe Transaction Service as the shared queue: propose here, confirm in Safe{Wallet}, execute; lies refused; an offline post delivered later', async ({
  app,
}) => {
  test.setTimeout(240_000)
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const safe = (await api('safe.overview', {})).address
  const standIn = await startTxServiceStandIn({ rpcUrl: chain.rpcUrl, chainId: chain.chainId })
  const safeWallet = safeWalletUser({ serviceUrl: standIn.url, chainId: chain.chainId, safe })
  try {
    // The service of the sandbox chain, set on its page.
    await gotoRoute(app, '/txservice')
    await page.getByTestId('txservice-url').fill(standIn.url)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('txservice-current')).toContainText(`In use: ${standIn.url}`)
    expect((await api('txservice.status', {})).endpoints).toEqual([
      expect.objectContaining({ chainId: chain.chainId, url: standIn.url, hasApiKey: false }),
    ])

    // The demo owners' keys in the app.
    await page.getByRole('link', { name: 'Signers', exact: true }).click()
    await page.getByLabel('Passphrase for the demo keystores').fill('a long enough passphrase')
    await page.getByRole('button', { name: 'Import the demo signers' }).click()
    await expect(page.getByRole('status')).toContainText('demo signers are imported')

    // Alice proposes here and signs; "Post now" sends it to the service with her signature.
    const recipient = Wallet.createRandom().address
    await page.getByRole('link', { name: 'Proposals' }).click()
    await page.getByRole('button', { name: 'New proposal' }).click()
    await page.getByLabel('Title').fill('Pay the co-signers’ translator')
    await page.getByLabel('Recipient').fill(recipient)
    await page.getByLabel('Amount (ETH)').fill('0.25')
    await page.getByRole('button', { name: 'Propose' }).click()
    await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
    await page.getByRole('button', { name: 'Sign with Alice (demo)' }).click()
    await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
    const id = Number(/#\/proposals\/(\d+)/.exec(page.url())![1])
    const proposal = await api('proposals.get', { id })

    await gotoRoute(app, '/txservice')
    await page.getByTestId('txservice-push').click()
    await expect(page.getByTestId('txservice-outbox-table')).toContainText('posted (as the proposal)')
    const posted = await standIn.transaction(proposal.safeTxHash)
    expect(posted).toMatchObject({
      safeTxHash: viemSafeTxHash(chain.chainId, safe, proposal.safeTx),
      proposer: alice.address,
      to: recipient,
      value: parseEther('0.25').toString(),
    })
    expect(posted!.confirmations.map((c) => c.owner)).toEqual([alice.address])

    // Bob confirms "in Safe{Wallet}" (viem's signer, api-kit); the app pulls it: 2 of 2, then executes.
    await safeWallet.confirm(bob.privateKey, proposal.safeTx)
    await page.getByTestId('txservice-pull').click()
    await expect(page.getByTestId('txservice-last-pull')).toContainText('1 signature(s) added')
    await gotoRoute(app, `/proposals/${id}`)
    await expect(page.getByTestId('signature-progress')).toHaveText('2 of 2')
    await expect(page.getByTestId('status')).toHaveText('Ready')
    // Each confirmation says where it came from: Alice's signed here, Bob's carried by the service.
    const owners = page.getByTestId('owner-signatures')
    await expect(owners.getByRole('listitem').filter({ hasText: 'from the Safe Transaction Service' })).toHaveCount(1)
    await expect(owners.getByRole('listitem').filter({ hasText: 'signed with a local key' })).toHaveCount(1)
    expect(
      Object.fromEntries((await api('proposals.get', { id })).signatures.map((s) => [s.signer, s.source])),
    ).toEqual({ [alice.address]: 'local', [bob.address]: 'txservice' })
    await page.getByTestId('payer-select').selectOption(alice.address)
    await page.getByRole('button', { name: 'Execute' }).click()
    await expect(page.getByTestId('status')).toHaveText('Executed')
    expect(await chain.balance(recipient)).toBe(parseEther('0.25'))
    const executed = await api('proposals.get', { id })
    expect(await standIn.transaction(proposal.safeTxHash)).toMatchObject({
      isExecuted: true,
      transactionHash: executed.executions[0].txHash,
    })

    // Carol proposes in Safe{Wallet}; the service lies: a confirmation by a non-owner, and a tampered transaction.
    const nonce = Number(await chain.safeNonce(safe))
    const carolTx = plainTransfer(Wallet.createRandom().address, parseEther('0.1').toString(), nonce)
    const carolHash = await safeWallet.propose(carol, carolTx)
    const outsider = Wallet.createRandom()
    standIn.lie.addConfirmation(carolHash, {
      owner: outsider.address,
      signature: await safeWallet.sign(outsider.privateKey, carolTx),
    })
    const original = plainTransfer(Wallet.createRandom().address, '1', nonce + 1)
    const originalHash = viemSafeTxHash(chain.chainId, safe, original)
    standIn.lie.storeTransaction({
      ...(await standIn.transaction(carolHash))!,
      ...original,
      value: parseEther('90').toString(),
      data: null,
      safeTxHash: originalHash,
      confirmations: [],
    })
    await gotoRoute(app, '/txservice')
    await page.getByTestId('txservice-pull').click()
    await expect(page.getByTestId('txservice-last-pull')).toContainText('1 new proposal(s)')
    const refusals = page.getByTestId('txservice-refusals-table')
    await expect(refusals).toContainText(`${outsider.address} is not an owner of Safe ${safe}`)
    await expect(refusals).toContainText('fields hash to')
    // The page with every part filled (settings, outbox, refusals, pulled) passes axe-core as every page must.
    await expectAccessible(page, 'the Transaction Service page')
    const status = await api('txservice.status', {})
    expect(status.refusals.map((r) => r.safeTxHash).sort()).toEqual([carolHash, originalHash].sort())
    const pulledId = status.pulled.find((p) => p.safeTxHash === carolHash)!.proposalId
    const pulled = await api('proposals.get', { id: pulledId })
    expect(pulled.signatures.map((s) => s.signer)).toEqual([carol.address])
    expect((await api('proposals.list', {})).rows.some((r) => r.safeTxHash === originalHash)).toBe(false)

    // Offline: the service goes down; Alice signs Carol's proposal here all the same, the post waits in the outbox.
    standIn.setMode('down')
    await gotoRoute(app, `/proposals/${pulledId}`)
    await expect(page.getByTestId('from-txservice')).toContainText('From the Safe Transaction Service')
    await page.getByRole('button', { name: 'Sign with Alice (demo)' }).click()
    await expect(page.getByTestId('signature-progress')).toHaveText('2 of 2')
    await gotoRoute(app, '/txservice')
    await page.getByTestId('txservice-push').click()
    const waiting = (await api('txservice.status', {})).outbox.find(
      (o) => o.safeTxHash === carolHash && o.signer === alice.address,
    )!
    await expect(page.getByTestId(`outbox-${waiting.id}`)).toContainText('waiting')
    expect(waiting).toMatchObject({ status: 'pending' })
    // (The service still holds its forged confirmation beside Carol's; Alice's has not arrived.)
    expect((await standIn.transaction(carolHash))!.confirmations.map((c) => c.owner)).not.toContain(alice.address)

    // The service answers again: retried from the outbox, delivered.
    standIn.setMode('pass')
    await page.getByTestId(`outbox-${waiting.id}`).getByRole('button', { name: 'Retry now' }).click()
    await expect(page.getByTestId(`outbox-${waiting.id}`)).toContainText('posted (as a confirmation)')
    expect((await standIn.transaction(carolHash))!.confirmations.map((c) => c.owner)).toEqual(
      expect.arrayContaining([alice.address, carol.address]),
    )
    expect(await api('txservice.status', {})).toMatchObject({
      outbox: expect.arrayContaining([
        expect.objectContaining({ id: waiting.id, status: 'delivered', postedAs: 'confirmation' }),
      ]),
    })
  } finally {
    standIn.setMode('pass')
    await standIn.close()
  }
})
