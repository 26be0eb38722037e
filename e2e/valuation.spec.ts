import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Contract, ContractFactory, JsonRpcProvider, parseEther } from 'ethers'
import { test, expect, appApi } from './fixtures'
import { expectAccessible } from './a11y'
import feedArtifact from '../test/fixtures/pricing/TestPriceFeed.json'

test('Prices: a feed read at a past block, a price CSV with its source; analytics charts and governance risks', async ({
  app,
}) => {
  test.skip(app.target !== 'browser', 'deploys its feed through the browser host’s sandbox RPC')
  const { page, host } = app
  const api = appApi(app)
  const info = await api('workspace.info', {})
  // A Chainlink-style feed the app did not deploy, with two rounds: 3000 then 3500 USD per ETH.
  const rpc = new JsonRpcProvider(info.chain!.rpcUrl, undefined, { cacheTimeout: -1 })
  const funder = await rpc.getSigner(0)
  const deployed = await new ContractFactory(feedArtifact.abi, feedArtifact.bytecode, funder).deploy(8, 'ETH / USD')
  await deployed.waitForDeployment()
  const feed = await deployed.getAddress()
  const rounds = new Contract(feed, feedArtifact.abi, funder)
  const first = (await (await rounds.setRound(3000_00000000n)).wait()).blockNumber as number
  await (await rounds.setRound(3500_00000000n)).wait()
  rpc.destroy()

  await page.goto(`${host!.url}/#/prices`)
  await expect(page.getByRole('heading', { name: 'Prices', exact: true })).toBeVisible()
  const feedForm = page.getByRole('form', { name: 'Price feed' })
  await feedForm.getByLabel('Token (address or native)').fill('native')
  await feedForm.getByLabel('Feed address').fill(feed)
  await feedForm.getByRole('button', { name: 'Use this feed' }).click()
  await expect(page.getByTestId('price-feeds')).toContainText('ETH / USD')
  expect((await api('pricing.overview', {})).feeds).toMatchObject([{ token: 'native', feed, decimals: 8 }])

  // 2 ETH at the first round's block: 2 × 3000 = 6000 USD, from the feed at that block (not today's 3500).
  const valueForm = page.getByRole('form', { name: 'Value an amount' })
  await valueForm.getByLabel('Token').fill('native')
  await valueForm.getByLabel('Amount (base units)').fill(parseEther('2').toString())
  await valueForm.getByLabel('Block, or day (YYYY-MM-DD)').fill(String(first))
  await valueForm.getByRole('button', { name: 'Value' }).click()
  await expect(page.getByTestId('value-answer')).toContainText(
    `6000 USD (price 3000; feed ETH / USD round 1 at block ${first})`,
  )
  const fromApi = await api('pricing.value', { token: 'native', amount: parseEther('2').toString(), block: first })
  expect(fromApi).toMatchObject({ priced: true, value: '6000', source: { kind: 'feed', block: first } })

  // A price CSV with its source; a day's value comes from it: 2 × 2900.5 = 5801.
  const today = new Date().toISOString().slice(0, 10)
  const dir = mkdtempSync(join(tmpdir(), 'treasury-e2e-prices-'))
  const file = join(dir, 'prices.csv')
  writeFileSync(file, `date,token,price\n${today},ETH,2900.5\n`)
  await page.getByTestId('price-source').fill('E2E daily close')
  await page.getByTestId('price-file').setInputFiles(file)
  await expect(page.getByTestId('price-imported')).toContainText('1 prices stored from E2E daily close')
  await expect(page.getByTestId('priced-tokens')).toContainText('E2E daily close')
  await valueForm.getByLabel('Block, or day (YYYY-MM-DD)').fill(today)
  await valueForm.getByRole('button', { name: 'Value' }).click()
  await expect(page.getByTestId('value-answer')).toContainText(
    `5801 USD (price 2900.5; CSV E2E daily close, price of ${today})`,
  )
  // A bad file is refused by line, and nothing is stored.
  writeFileSync(file, `date,token,price\n${today},ETH,-1\n`)
  await page.getByTestId('price-file').setInputFiles(file)
  await expect(page.getByTestId('price-csv-error')).toContainText('line 2')
  expect((await api('pricing.overview', {})).imports).toHaveLength(1)
  await expectAccessible(page, 'the Prices page')

  // Analytics: the balance chart is drawn by the chart library, its numbers in the table beside it.
  await page.goto(`${host!.url}/#/analytics`)
  const balance = page.getByTestId('series-treasury-balance')
  await expect(balance.getByRole('img', { name: /Treasury balance over time: ETH/ })).toBeVisible()
  await expect(balance.locator('.recharts-line').first()).toBeVisible()
  await expect(balance.getByRole('table').first().locator('tbody tr').last()).toContainText('100')

  // Governance risks of the sandbox token, the same figures the API gives at that block.
  await page.getByRole('button', { name: 'Measure' }).click()
  const scope = page.getByTestId('risks-scope')
  await expect(scope).toContainText('AITBC at block')
  const block = Number(/at block (\d+)/.exec((await scope.textContent())!)![1])
  const risks = await api('governance.risks', { block })
  await expect(page.getByTestId('risk-holdings').getByTestId('risk-gini')).toHaveText(risks.holdings.gini ?? '—')
  await expect(page.getByTestId('risk-holdings').getByTestId('risk-nakamoto')).toHaveText(
    String(risks.holdings.nakamoto ?? '—'),
  )
  await expectAccessible(page, 'the Analytics page with its charts and governance risks')
  await page.screenshot({ path: `e2e/screenshots/analytics-risks-${app.target}.png`, fullPage: true })
})
