import { test, expect, appApi, gotoRoute, hostChain } from './fixtures'
import { Wallet } from 'ethers'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'

// One sandbox host for the file: the queue test makes its proposals on its own nonces after the Safe deployment.
test.use({ hostPerFile: true })

const { signers } = sandboxAccounts()

test('address book names show where addresses appear; CSV import refuses a bad line; a new Safe is deployed', async ({
  app,
}) => {
  const { page } = app
  const api = appApi(app)
  const chain = await hostChain(app)
  const label = async (address: string) =>
    (await api('addressbook.list', {})).find((e) => e.address === address)?.label ?? null
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
  expect(await label(signers[0].address)).toBe('Alice, council chair')
  const bookSize = (await api('addressbook.list', {})).length

  const dir = mkdtempSync(join(tmpdir(), 'book-'))
  const vendor = Wallet.createRandom().address
  const bad = join(dir, 'bad.csv')
  writeFileSync(bad, `address,name,chainId\n${vendor},Vendor,31337\nnot-an-address,Oops,31337\n`)
  await page.getByLabel('Address book CSV').setInputFiles(bad)
  await expect(page.getByTestId('addressbook-error')).toContainText('Line 3, address')
  expect((await api('addressbook.list', {})).length).toBe(bookSize) // the bad file added nothing
  const good = join(dir, 'good.csv')
  writeFileSync(good, `address,name,chainId\n${vendor},Vendor Ltd,31337\n`)
  await page.getByLabel('Address book CSV').setInputFiles(good)
  await expect(page.getByTestId('addressbook-preview')).toContainText('adds 1')
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(page.getByTestId('addressbook-table')).toContainText('Vendor Ltd')
  expect(await label(vendor)).toBe('Vendor Ltd')
  expect((await api('addressbook.list', {})).length).toBe(bookSize + 1)

  await page.getByRole('link', { name: 'Dashboard' }).click()
  await expect(page.getByTestId('owners')).toContainText('Alice, council chair')

  await page.getByRole('link', { name: 'Safes' }).click()
  const safesBefore = (await api('safe.list', {})).map((x) => x.address)
  await page.getByLabel('Owners (one address per line)').fill(`${signers[1].address}\n${signers[2].address}`)
  await page.getByLabel('Threshold').fill('2')
  await page.getByRole('form', { name: 'Deploy a new Safe' }).getByLabel('Label').fill('Grants committee')
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(page.getByTestId('safes-message')).toContainText('(2 of 2)')
  await expect(page.getByTestId('safes-message')).toContainText('sandbox node account')
  await expect(page.getByTestId('safes-table')).toContainText('Grants committee')
  // The new Safe, read back from the API and then from the chain: code at its address, its owners and threshold.
  const added = (await api('safe.list', {})).filter((x) => !safesBefore.includes(x.address))
  expect(added).toHaveLength(1)
  expect(added[0].label).toBe('Grants committee')
  const deployed = added[0].address
  expect((await chain.code(deployed)).length).toBeGreaterThan(2)
  expect(await chain.owners(deployed)).toEqual([signers[1].address, signers[2].address])
  expect(await chain.threshold(deployed)).toBe(2n)
  expect(await chain.safeNonce(deployed)).toBe(0n)
})

test('the queue pages and virtualises: hundreds of proposals, a few dozen rows in the page', async ({ app }) => {
  const { page } = app
  const post = appApi(app)
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
  await gotoRoute(app, '/proposals')
  await expect(page.getByTestId('proposal-total')).toContainText(`${count} open proposals`)
  expect((await post('proposals.list', {})).total).toBe(count)
  const rendered = await page.getByTestId('proposal-table').getByRole('row').count()
  expect(rendered).toBeGreaterThan(5)
  expect(rendered).toBeLessThan(60)
  // Scrolling to the end pages the rest in (200 per page) and shows the last one.
  const body = page.getByTestId('proposal-table-scroller')
  const last = page.getByRole('link', { name: `Payment ${count - 1}`, exact: true })
  await expect
    .poll(async () => {
      await body.evaluate((el) => el.scrollTo(0, el.scrollHeight))
      return last.isVisible()
    })
    .toBe(true)
  await expect(last).toBeVisible()
  expect(await page.getByTestId('proposal-table').getByRole('row').count()).toBeLessThan(60)
})
