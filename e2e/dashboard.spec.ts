import { test, expect, appApi, hostChain, postJson } from './fixtures'
import { JsonRpcProvider, formatEther, parseEther } from 'ethers'

// One sandbox host for the file, in this order: the first test reads the untouched demo Safe (nonce 0, 100 ETH),
// the second then moves its balance; the last two only read.
test.use({ hostPerFile: true })

test('the dashboard shows the demo Safe as the chain reports it', async ({ app }) => {
  const { page } = app
  await expect(page.getByRole('heading', { name: 'Demo treasury (sandbox)' })).toBeVisible()
  // The sandbox's known figures, each also read from the chain itself: the screen must show what the chain holds.
  const chain = await hostChain(app)
  const safe = (await page.getByTestId('safe-address').textContent())!.trim()
  expect(await chain.code(safe)).not.toBe('0x')
  const owners = await chain.owners(safe)
  expect([owners.length, await chain.threshold(safe), await chain.safeNonce(safe)]).toEqual([3, 2n, 0n])
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
  await expect(page.getByTestId('owners').locator('li')).toHaveCount(owners.length)
  await expect(page.getByTestId('nonce')).toHaveText('0')
  expect(await chain.balance(safe)).toBe(parseEther('100'))
  await expect(page.getByTestId('balance-ETH')).toContainText('100')
  const aitbc = (await appApi(app)('safe.overview', {})).balances.find((b) => b.symbol === 'AITBC')!
  expect(await chain.tokenBalance(aitbc.address!, safe)).toBe(parseEther('1000000'))
  await expect(page.getByTestId('balance-AITBC')).toContainText('1,000,000')
  await expect(page.getByTestId('as-of')).toContainText(/As of/)
  await page.screenshot({ path: `e2e/screenshots/dashboard-${app.target}.png`, fullPage: true })
})

test("the balance is the chain's, not a seeded number: it follows a real transfer after Refresh", async ({ app }) => {
  const { page } = app
  const api = appApi(app)
  await expect(page.getByTestId('balance-ETH')).toContainText('100')
  const chain = await hostChain(app)
  const rpc = new JsonRpcProvider(chain.rpcUrl, undefined, { cacheTimeout: -1 })
  const funder = await rpc.getSigner(0) // Hardhat's unlocked account #0, the sandbox funder
  const safe = (await page.getByTestId('safe-address').textContent())!.trim()
  await (await funder.sendTransaction({ to: safe, value: 2_500_000_000_000_000_000n })).wait()
  rpc.destroy()
  const onChain = await chain.balance(safe)
  expect(formatEther(onChain)).toBe('102.5')
  await page.getByRole('button', { name: 'Refresh' }).click()
  await expect(page.getByTestId('balance-ETH')).toContainText('102.5')
  // What the app now holds as the Safe's balance is the chain's figure to the wei.
  await expect
    .poll(async () => (await api('safe.overview', {})).balances.find((b) => b.address === null)?.balance)
    .toBe(onChain.toString())
})

test('an API request without the session token gets 401', async ({ app }) => {
  test.skip(app.target !== 'browser', 'the Electron app has no HTTP API')
  const { host, page } = app
  const noToken = await postJson(`${host!.url}/api/workspace.info`, {})
  expect(noToken.status).toBe(401)
  // And from inside the page, a request without the token is refused too, while the app's own calls succeed.
  const status = await page.evaluate(
    async () =>
      (
        await fetch('/api/workspace.info', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
  )
  expect(status).toBe(401)
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
})

test('the audit trail records the sandbox start and verifies', async ({ app }) => {
  const { page } = app
  await page.getByRole('link', { name: 'Audit trail' }).click()
  await expect(page.getByTestId('audit-table')).toContainText('sandbox.started')
  await page.getByRole('button', { name: 'Verify the chain' }).click()
  await expect(page.getByTestId('audit-verdict')).toContainText('Chain intact')
  // The verdict on screen is the host's: the stored trail starts with the sandbox start and its hashes hold.
  const api = appApi(app)
  const { events, total } = await api('audit.list', { limit: 500 })
  expect(events.map((e) => e.action)).toContain('sandbox.started')
  expect(await api('audit.verify', {})).toMatchObject({ ok: true, events: total })
})
