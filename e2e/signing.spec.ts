import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Wallet } from 'ethers'
import { test, expect, appApi } from './fixtures'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { parseSigningRequest, qrPng, signSafeTx, signatureBundle, splitQrParts, toJson } from '../src/main/core/signing'

// One sandbox host for the file: the second test imports the demo signers beside the first test's signer and makes
// its own request; neither counts what the other left.
test.use({ hostPerFile: true })

const RECIPIENT = '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f' // hardhat #8

test('create a signer, export a request, import two signatures (one from a QR image), see 2 of 2', async ({ app }) => {
  const { page } = app
  const dir = mkdtempSync(join(tmpdir(), 'treasury-e2e-signing-'))
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')

  // A signer, created in the app: its key is encrypted at once and stays locked.
  await page.getByRole('link', { name: 'Signers', exact: true }).click()
  await page.getByLabel('Label').fill('Treasurer laptop')
  await page.getByLabel('Passphrase (encrypts the key on this computer)').fill('a long enough passphrase')
  await page.getByLabel('Passphrase again').fill('a long enough passphrase')
  await page.getByRole('button', { name: 'Add signer' }).click()
  await expect(page.getByRole('status')).toContainText('Treasurer laptop created')
  await expect(page.getByTestId('signer-Treasurer laptop')).toContainText('Locked')
  const api = appApi(app)
  const created = (await api('keys.list', {})).signers.find((s) => s.label === 'Treasurer laptop')
  expect(created).toMatchObject({ kind: 'local', unlocked: false })

  // Its keystore leaves only with its passphrase (issue 23): a wrong one is refused, the right one downloads it.
  const row = page.getByTestId('signer-Treasurer laptop')
  await row.getByRole('button', { name: 'Export keystore' }).click()
  const exportForm = row.getByRole('form', { name: 'Export Treasurer laptop' })
  await exportForm.getByLabel('Passphrase of Treasurer laptop (to export)').fill('not the passphrase')
  await exportForm.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase for Treasurer laptop')
  await page.waitForTimeout(1100) // the wrong-passphrase delay (1 s after one failure)
  await exportForm.getByLabel('Passphrase of Treasurer laptop (to export)').fill('a long enough passphrase')
  const [keystore] = await Promise.all([
    page.waitForEvent('download'),
    exportForm.getByRole('button', { name: 'Export', exact: true }).click(),
  ])
  expect(keystore.suggestedFilename()).toMatch(/^UTC--.+--[0-9a-f]{40}\.json$/)
  const exported = JSON.parse(readFileSync(await keystore.path(), 'utf8'))
  expect(exported.crypto.kdfparams).toMatchObject({ n: 131072, r: 8, p: 1 })
  await expect(row.getByRole('form', { name: 'Export Treasurer laptop' })).toHaveCount(0)

  // A request for a transfer, reviewed and exported as a file.
  await page.getByRole('link', { name: 'Sign', exact: true }).click()
  await page.getByLabel('Token').selectOption({ label: 'AITBC' })
  await page.getByLabel('Recipient').fill(RECIPIENT)
  await page.getByLabel('Amount').fill('2,500.25')
  await page.getByLabel('Description (optional)').fill('Grant: audit of the bridge')
  await page.getByRole('button', { name: 'Make the signing request' }).click()
  const review = page.getByTestId('review')
  await expect(review.getByTestId('transfers')).toContainText('2,500.25')
  await expect(review.getByTestId('transfers')).toContainText(RECIPIENT)
  await expect(review.getByTestId('progress')).toHaveText('0 of 2')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('button', { name: 'Export the request' }).click(),
  ])
  const requestFile = join(dir, download.suggestedFilename())
  await download.saveAs(requestFile)
  await expect(review.getByTestId('qr-image')).toBeVisible()

  // Two demo owners sign it offline, as the CLI would: the request file in, signature bundles out.
  const request = parseSigningRequest(readFileSync(requestFile, 'utf8'))
  expect(request.safeTxHash).toBe((await review.getByTestId('safe-tx-hash').textContent())?.trim())
  const [alice, bob] = sandboxAccounts().signers
  const bundles = await Promise.all(
    [alice, bob].map(async (s) =>
      toJson(
        signatureBundle(
          request,
          s.address,
          await signSafeTx(new Wallet(s.privateKey), request.chainId, request.safe, request.safeTx),
        ),
      ),
    ),
  )
  const jsonFile = join(dir, 'alice.json')
  writeFileSync(jsonFile, bundles[0])
  const [part] = splitQrParts(bundles[1].trimEnd())
  const pngFile = join(dir, 'bob-qr.png')
  writeFileSync(pngFile, await qrPng(part))

  await page.getByTestId('import-file').setInputFiles(jsonFile)
  await expect(page.getByRole('status')).toContainText(`Signature by ${alice.address} accepted (1 of 2)`)
  await expect(review.getByTestId('progress')).toHaveText('1 of 2')
  await page.getByTestId('import-file').setInputFiles(pngFile)
  await expect(page.getByRole('status')).toContainText(`Signature by ${bob.address} accepted (2 of 2)`)
  await expect(review.getByTestId('progress')).toHaveText('2 of 2')
  await expect(review.getByTestId('signatures').locator('li')).toHaveCount(2)
  await expect(page.getByTestId('requests')).toContainText('2 of 2')
  const stored = await api('signing.get', { safeTxHash: request.safeTxHash })
  expect(stored.signatures.map((x) => x.signer).sort()).toEqual([alice.address, bob.address].sort())
  expect(stored.progress.collected).toBe(2)
  await page.screenshot({ path: `e2e/screenshots/signing-${app.target}.png`, fullPage: true })

  // A tampered request is refused with a clear error.
  const tampered = JSON.parse(readFileSync(requestFile, 'utf8'))
  tampered.safeTx.nonce = String(Number(tampered.safeTx.nonce) + 1)
  await page.getByLabel('Or paste it').fill(JSON.stringify(tampered))
  await page.getByRole('button', { name: 'Import pasted text' }).click()
  await expect(page.getByRole('alert')).toContainText('Hash mismatch')
  expect((await api('signing.list', {})).map((r) => r.safeTxHash)).toEqual([request.safeTxHash])
})

test('import the demo signers and sign in the app: the signature is offered as a file and a QR code', async ({
  app,
}) => {
  const { page } = app
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
  await page.getByRole('link', { name: 'Signers', exact: true }).click()
  await page.getByLabel('Passphrase for the demo keystores').fill('demo passphrase')
  await page.getByRole('button', { name: 'Import the demo signers' }).click()
  await expect(page.getByRole('status')).toContainText('three demo signers are imported')
  await expect(page.getByTestId('signer-Alice (demo)')).toContainText('Unlocked')

  await page.getByRole('link', { name: 'Sign', exact: true }).click()
  await page.getByLabel('Token').selectOption({ label: 'ETH' })
  await page.getByLabel('Recipient').fill(RECIPIENT)
  await page.getByLabel('Amount').fill('1.5')
  await page.getByRole('button', { name: 'Make the signing request' }).click()
  const review = page.getByTestId('review')
  await expect(review.getByTestId('transfers')).toContainText('1.5')
  await review.getByLabel('Sign as').selectOption(sandboxAccounts().signers[1].address)
  await review.getByRole('button', { name: 'Sign with this key' }).click()
  await expect(review.getByTestId('progress')).toHaveText('1 of 2')
  await expect(review.getByTestId('signatures')).toContainText('Bob (demo)')
  await expect(review.getByRole('img', { name: /Signature: QR code part 1 of 1/ })).toBeVisible()
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    review.getByRole('button', { name: 'Save the file again' }).click(),
  ])
  expect(saved.suggestedFilename()).toMatch(/^signature-[0-9a-f]{8}-[0-9a-f]{6}\.json$/)
})
