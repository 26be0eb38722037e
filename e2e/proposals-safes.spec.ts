import { test, expect } from './fixtures'
import { Wallet } from 'ethers'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'

const { signers } = sandboxAccounts()

test('address book names show where addresses appear; CSV import refuses a bad line; a new Safe is deployed', async ({
  app,
}) => {
  test.skip(app.target !== 'browser', 'drives the sandbox through the browser host')
  const { page } = app
  // The dashboard names the owners and shows modules, guard and fallback handler.
  await expect(page.getByTestId('owners')).toContainText('Alice (demo)')
  await expect(page.getByTestId('modules')).toHaveText('none')
  await expect(page.getByTestId('guard')).toHaveText('none')
  await expect(page.getByTestId('fallback-handler')).toContainText('0x')

  await page.getByRole('link', { name: 'Address book' }).click()
  await page.getByLabel('Address', { exact: true }).fill(signers[0].address)
  await page.getByLabel('Name', { exact: true }).fill('Alice, council chair')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('addressbook-table')).toContainText('Alice, council chair')

  const dir = mkdtempSync(join(tmpdir(), 'book-'))
  const vendor = Wallet.createRandom().address
  const bad = join(dir, 'bad.csv')
  writeFileSync(bad, `address,name,chainId\n${vendor},Vendor,31337\nnot-an-address,Oops,31337\n`)
  await page.getByLabel('Address book CSV').setInputFiles(bad)
  await expect(page.getByTestId('addressbook-error')).toContainText('Line 3, address')
  const good = join(dir, 'good.csv')
  writeFileSync(good, `address,name,chainId\n${vendor},Vendor Ltd,31337\n`)
  await page.getByLabel('Address book CSV').setInputFiles(good)
  await expect(page.getByTestId('addressbook-preview')).toContainText('adds 1')
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(page.getByTestId('addressbook-table')).toContainText('Vendor Ltd')

  await page.getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByTestId('owners')).toContainText('Alice, council chair')

  await page.getByRole('link', { name: 'Safes' }).click()
  await page.getByLabel('Owners (one address per line)').fill(`${signers[1].address}\n${signers[2].address}`)
  await page.getByLabel('Threshold').fill('2')
  await page.getByRole('form', { name: 'Deploy a new Safe' }).getByLabel('Label').fill('Grants committee')
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(page.getByTestId('safes-message')).toContainText('(2 of 2)')
  await expect(page.getByTestId('safes-message')).toContainText('sandbox node account')
  await expect(page.getByTestId('safes-table')).toContainText('Grants committee')
})
