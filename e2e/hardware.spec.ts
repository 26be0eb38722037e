import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { TypedDataEncoder, Wallet, parseEther } from 'ethers'
import { test, expect, appApi, hostChain } from './fixtures'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { readQrPng } from '../src/main/core/signing/qr'
import { SoftwareQrDevice } from '../test/hardware/keystone-device'

/*
 * Issue #20: a "Keystone" (a software ERC-4527 device holding the sandbox's public mnemonic, so its accounts 1 and 2
 * are the demo Safe's owners Alice and Bob) is paired from its account QR image; a proposal is signed by it through
 * the animated UR frames the app shows, saved as PNG files and read by the device, whose answers come back as QR
 * images; the proposal executes and the chain says so.
 */

const { signers } = sandboxAccounts()

test('pair a Keystone from its account QR, sign a proposal through UR frames, execute', async ({ app }) => {
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const safe = (await api('safe.overview', {})).address
  const nonceBefore = await chain.safeNonce(safe)
  const dir = mkdtempSync(join(tmpdir(), 'treasury-e2e-hardware-'))
  const recipient = Wallet.createRandom().address
  const device = new SoftwareQrDevice('test test test test test test test test test test test junk', 'Keystone')

  // Pairing: the device's account QR, as an image file.
  const accountQr = join(dir, 'keystone-account.png')
  await QRCode.toFile(accountQr, device.hdKeyCode().toUpperCase(), { errorCorrectionLevel: 'L', scale: 4 })
  await page.getByRole('link', { name: 'Hardware signers' }).click()
  await page.getByLabel('Account QR image').setInputFiles(accountQr)
  await expect(page.getByTestId('pairing-accounts')).toContainText(device.fingerprint)
  for (const [i, name] of [
    [1, 'Keystone Alice'],
    [2, 'Keystone Bob'],
  ] as const) {
    const address = signers[i - 1].address
    await page.getByLabel(`Label for ${address}`).fill(name)
    await page.getByRole('button', { name: `Add ${address.slice(0, 8)}…` }).click()
    await expect(page.getByRole('status')).toContainText(`${name} (Keystone, m/44'/60'/0'/0/${i})`)
  }
  await expect(page.getByTestId('hardware-signers')).toContainText('Keystone Bob')
  const paired = await api('hardware.list', {})
  expect(paired.map((p) => p.address)).toEqual([signers[0].address, signers[1].address])
  expect((await api('keys.list', {})).signers.every((s) => s.kind === 'watch')).toBe(true)

  // A proposal: 0.25 ETH.
  await page.getByRole('link', { name: 'Proposals' }).click()
  await page.getByRole('button', { name: 'New proposal' }).click()
  await page.getByLabel('Title').fill('Pay the hardware wallet auditor')
  await page.getByLabel('Recipient').fill(recipient)
  await page.getByLabel('Amount (ETH)').fill('0.25')
  await page.getByRole('button', { name: 'Propose' }).click()
  await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
  const id = Number(/#\/proposals\/(\d+)/.exec(page.url())![1])

  for (const [n, label] of [
    [1, 'Keystone Alice'],
    [2, 'Keystone Bob'],
  ] as const) {
    await page.getByRole('button', { name: `Sign with ${label} (Keystone, QR)` }).click()
    const request = page.getByTestId('qr-request')
    await expect(request).toBeVisible()
    const caption = await request.locator('figcaption').textContent()
    const total = Number(/of (\d+)/.exec(caption ?? '')?.[1] ?? '1')
    // The animated frames as PNG files, one per part as the screen shows them (stepped through while paused), read
    // back as a camera would read them off the screen.
    await request.getByRole('button', { name: 'Pause' }).click()
    const downloads: string[] = []
    for (let i = 0; i < total; i++) {
      const src = (await request.getByTestId('qr-image').getAttribute('src'))!
      const file = join(dir, `${label}-frame-${i}.png`)
      writeFileSync(file, Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'))
      downloads.push(file)
      await request.getByRole('button', { name: 'Next part' }).click()
    }
    const parts = downloads.map((f) => readQrPng(readFileSync(f))!)
    expect(new Set(parts).size).toBe(total)
    expect(parts.every((p) => p.startsWith('UR:ETH-SIGN-REQUEST/'))).toBe(true)
    const answer = device.sign(parts)

    // What the review says the device will show is what the device computes from the request it read.
    const typed = JSON.parse(answer.request.getSignData().toString('utf8'))
    expect(answer.request.getDerivationPath()).toBe(`44'/60'/0'/0/${n}`)
    await expect(request.getByTestId('device-domain-hash')).toHaveText(TypedDataEncoder.hashDomain(typed.domain))
    await expect(request.getByTestId('device-message-hash')).toHaveText(
      TypedDataEncoder.hashStruct('SafeTx', { SafeTx: typed.types.SafeTx }, typed.message),
    )

    // The device's answer, as QR images.
    const answerFiles = await Promise.all(
      answer.parts.map(async (part, i) => {
        const file = join(dir, `${label}-answer-${i}.png`)
        await QRCode.toFile(file, part.toUpperCase(), { errorCorrectionLevel: 'L', scale: 4 })
        return file
      }),
    )
    await page.getByTestId('qr-answer-files').setInputFiles(answerFiles)
    await expect(page.getByTestId('signature-progress')).toHaveText(`${n} of 2`)
  }

  await expect(page.getByTestId('status')).toHaveText('Ready')
  const ready = await api('proposals.get', { id })
  expect(ready.signatures.map((s) => s.signer).sort()).toEqual([signers[0].address, signers[1].address].sort())
  expect(await chain.safeNonce(safe)).toBe(nonceBefore)

  await page.getByRole('button', { name: 'Execute' }).click()
  await expect(page.getByTestId('status')).toHaveText('Executed')
  expect(await chain.balance(recipient)).toBe(parseEther('0.25'))
  expect(await chain.safeNonce(safe)).toBe(nonceBefore + 1n)
})
