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

test('the queue pages and virtualises: hundreds of proposals, a few dozen rows in the page', async ({ app }) => {
  test.skip(app.target !== 'browser', 'drives the sandbox through the browser host')
  const { page, host } = app
  const post = async (name: string, input: unknown) => {
    const res = await fetch(`${host!.url}/api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
    const body = (await res.json()) as { ok: boolean; value: { address: string }; error?: { message: string } }
    if (!body.ok) throw new Error(body.error!.message)
    return body.value
  }
  const safe = (await post('safe.overview', { refresh: true })).address
  const to = Wallet.createRandom().address
  const count = 260
  for (let start = 0; start < count; start += 20)
    await Promise.all(
      Array.from({ length: Math.min(20, count - start) }, (_, k) =>
        post('proposals.create', {
          safe,
          title: `Payment ${start + k}`,
          nonce: start + k,
          body: { type: 'transactions', parts: [{ type: 'eth_transfer', to, amount: String(start + k + 1) }] },
        }),
      ),
    )
  await page.goto(`${host!.url}/#/proposals`)
  await expect(page.getByTestId('proposal-total')).toContainText(`${count} open proposals`)
  const rendered = await page.getByTestId('proposal-table').locator('[role=row]').count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(60)
  // Scrolling to the end pages the rest in (200 per page) and shows the last one.
  const body = page.locator('.vbody')
  for (let i = 0; i < 6; i++) {
    await body.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.waitForTimeout(300)
  }
  await expect(page.getByRole('link', { name: `Payment ${count - 1}`, exact: true })).toBeVisible()
  expect(await page.getByTestId('proposal-table').locator('[role=row]').count()).toBeLessThan(60)
})
