import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet, parseEther } from 'ethers'
import { test, expect, appApi, hostChain } from './fixtures'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { parseSigningRequest, signSafeTx, signatureBundle, toJson } from '../src/main/core/signing'

const { signers } = sandboxAccounts()

test("a signer's journey: sign in the app, Bob signs the request file offline, import his bundle, execute with Alice's key", async ({
  app,
}) => {
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const safe = (await api('safe.overview', {})).address
  const nonceBefore = await chain.safeNonce(safe)
  const dir = mkdtempSync(join(tmpdir(), 'treasury-e2e-proposal-signing-'))
  const recipient = Wallet.createRandom().address

  // The demo owners, imported and unlocked on the Signers page.
  await page.getByRole('link', { name: 'Signers', exact: true }).click()
  await page.getByLabel('Passphrase for the demo keystores').fill('a long enough passphrase')
  await page.getByRole('button', { name: 'Import the demo signers' }).click()
  await expect(page.getByRole('status')).toContainText('demo signers are imported')
  const keys = await api('keys.list', {})
  expect(keys.signers.filter((k) => k.unlocked).map((k) => k.address)).toEqual(
    expect.arrayContaining(signers.map((s) => s.address)),
  )

  // An ETH transfer proposal.
  await page.getByRole('link', { name: 'Proposals' }).click()
  await page.getByRole('button', { name: 'New proposal' }).click()
  await page.getByLabel('Title').fill('Pay the bridge auditor')
  await page.getByLabel('Recipient').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('1.5')
  await page.getByRole('button', { name: 'Propose' }).click()
  await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')

  // Alice signs in the app with her unlocked key.
  await page.getByRole('button', { name: 'Sign with Alice (demo)' }).click()
  await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
  await expect(page.getByRole('button', { name: 'Sign with Alice (demo)' })).toHaveCount(0)
  const id = Number(/#\/proposals\/(\d+)/.exec(page.url())![1])
  expect((await api('proposals.get', { id })).signatures.map((x) => x.signer)).toEqual([signers[0].address])

  // Bob gets issue 3's signing request file and signs it on his own machine, the way `treasury sign` does.
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download signing request' }).click()
  const doc = parseSigningRequest(readFileSync((await (await downloading).path())!, 'utf8'))
  expect(doc.type).toBe('aitbc-treasury/signing-request')
  const bob = new Wallet(signers[1].privateKey)
  const bundle = signatureBundle(doc, bob.address, await signSafeTx(bob, doc.chainId, doc.safe, doc.safeTx))
  const file = join(dir, 'bob-signature.json')
  writeFileSync(file, toJson(bundle))

  // His bundle, imported on the proposal page: 2 of 2, ready.
  await page.getByLabel('Signature file').setInputFiles(file)
  await expect(page.getByTestId('signature-progress')).toHaveText('2 of 2')
  await expect(page.getByTestId('status')).toHaveText('Ready')
  expect((await api('proposals.get', { id })).status).toBe('ready')
  expect(await chain.safeNonce(safe)).toBe(nonceBefore)

  // Executed, paying with Alice's unlocked key (not the sandbox node account).
  await page.getByTestId('payer-select').selectOption(signers[0].address)
  await page.getByRole('button', { name: 'Execute' }).click()
  await expect(page.getByTestId('status')).toHaveText('Executed')
  await expect(page.getByTestId('executions')).toContainText('ExecutionSuccess')
  expect(await chain.balance(recipient)).toBe(parseEther('1.5'))
  expect(await chain.safeNonce(safe)).toBe(nonceBefore + 1n)
  const detail = await api('proposals.get', { id })
  expect(detail.status).toBe('executed')
  expect(detail.executions[0].executor).toBe(signers[0].address)
})
