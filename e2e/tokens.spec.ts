import { writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ContractFactory, JsonRpcProvider, parseUnits, Contract } from 'ethers'
import { test, expect, hostCall } from './fixtures'
import testTokens from '../test/fixtures/tokens/TestTokens.json'

/** Reads what the page did back from the API itself, not from the screen. */
const api = hostCall

test('Tokens page: add a 6-decimal token by address, refuse a non-token, import a list, discover, hide; balances per Safe', async ({
  app,
}) => {
  test.skip(app.target !== 'browser', 'deploys its tokens through the browser host’s sandbox RPC')
  const { page, host } = app
  const info = await api<{ chain: { rpcUrl: string; chainId: number } }>(host!, 'workspace.info')
  const safe = (await api<Array<{ address: string }>>(host!, 'safe.list'))[0].address
  // Tokens the app did not deploy: a 6-decimal stable, an 18-decimal token the Safe receives (found by discovery).
  const rpc = new JsonRpcProvider(info.chain.rpcUrl, undefined, { cacheTimeout: -1 })
  const funder = await rpc.getSigner(0)
  const artifact = testTokens.contracts.TestToken
  const deploy = async (args: unknown[]) => {
    const c = await new ContractFactory(artifact.abi, artifact.bytecode, funder).deploy(...args)
    await c.waitForDeployment()
    return c.getAddress()
  }
  const usdc = await deploy(['USD Coin', 'USDC', 6, parseUnits('1000', 6)])
  const dai = await deploy(['Dai Stablecoin', 'DAI', 18, parseUnits('1000', 18)])
  const listed = await deploy(['Listed', 'LST', 8, parseUnits('1', 8)])
  await (await new Contract(usdc, artifact.abi, funder).transfer(safe, parseUnits('250.5', 6))).wait()
  await (await new Contract(dai, artifact.abi, funder).transfer(safe, parseUnits('7', 18))).wait()
  rpc.destroy()

  await page.goto(`${host!.url}/#/tokens`)
  await expect(page.getByRole('heading', { name: 'Tokens', exact: true })).toBeVisible()
  const address = page.getByLabel('Token contract address')
  await address.fill(safe)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(page.getByTestId('add-token-error')).toContainText('not an ERC-20 token')
  await address.fill(usdc)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(page.getByTestId(`token-${usdc}`)).toContainText('USDC')

  const dir = mkdtempSync(join(tmpdir(), 'treasury-e2e-list-'))
  const file = join(dir, 'list.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'E2E list',
      timestamp: '2026-12-05T00:00:00Z',
      version: { major: 1, minor: 0, patch: 0 },
      tokens: [
        { chainId: info.chain.chainId, address: listed, symbol: 'LST', name: 'Listed', decimals: 8 },
        {
          chainId: 8453,
          address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
          symbol: 'USDC',
          name: 'USD Coin',
          decimals: 6,
        },
      ],
    }),
  )
  await page.getByLabel('Token list file').setInputFiles(file)
  await expect(page.getByTestId('list-imported')).toContainText('1 added')
  await expect(page.getByTestId('list-imported')).toContainText('1 on chain 8453')

  await page.getByRole('button', { name: 'Discover tokens' }).click()
  await expect(page.getByTestId('discover-state')).toHaveText('done')
  await expect(page.getByTestId('discover-added')).toContainText('DAI (18 decimals)')

  await page.getByRole('button', { name: 'Hide LST' }).click()
  await expect(page.getByRole('button', { name: 'Show LST' })).toBeVisible()

  const registry = await api<{
    tokens: Array<{ address: string; symbol: string; decimals: number; hidden: boolean; source: string }>
  }>(host!, 'tokens.list')
  const by = new Map(registry.tokens.map((t) => [t.address, t]))
  expect(by.get(usdc)).toMatchObject({ symbol: 'USDC', decimals: 6, source: 'address', hidden: false })
  expect(by.get(dai)).toMatchObject({ symbol: 'DAI', decimals: 18, source: 'discovered' })
  expect(by.get(listed)).toMatchObject({ source: 'list', hidden: true })

  await page.goto(`${host!.url}/#/dashboard`)
  await page.getByRole('button', { name: 'Read balances' }).click()
  const usdcRow = page.getByTestId(`safe-balances-${safe}`).getByTestId('token-balance-USDC')
  await expect(usdcRow).toContainText('250.5')
  const balances = await api<{
    safes: Array<{ safe: string; balances: Array<{ token: string | null; balance: string }> }>
  }>(host!, 'tokens.balances')
  expect(balances.safes[0].balances.find((b) => b.token === usdc)?.balance).toBe('250500000')
  expect(balances.safes[0].balances.some((b) => b.token === listed)).toBe(false)
  await page.screenshot({ path: 'e2e/screenshots/tokens-dashboard-browser.png', fullPage: true })
})
