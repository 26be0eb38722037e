import { test, expect, hostCall } from './fixtures'
import { Contract, JsonRpcProvider } from 'ethers'

test('the holder index is built from the governance page and its measures match the chain', async ({ app }) => {
  test.skip(app.target !== 'browser', 'reads the API through the browser host HTTP API (host.url)')
  const { page, host } = app
  const api = <T>(name: string, input: unknown = {}) => hostCall<T>(host!, name, input)
  const info = await api<{ chain: { rpcUrl: string } }>('workspace.info')
  const settings = await api<{ token: { address: string } }>('governance.settings')

  await page.getByRole('link', { name: 'Governance' }).click()
  await page.getByRole('tab', { name: 'Participation' }).click()
  const panel = page.getByTestId('holder-index')
  await expect(panel.getByTestId('holder-index-status')).toContainText('Not built yet')
  await panel.getByRole('button', { name: 'Sync' }).click()
  await expect(panel.getByTestId('holder-index-status')).toContainText('up to block #', { timeout: 60_000 })

  // What the page shows is what the API answers, and the API's largest holders hold that much on chain.
  const metrics = await api<{
    block: number
    holdings: { holders: number; nakamoto: number; top: Array<{ account: string; amount: string }> }
  }>('governance.holderMetrics')
  await expect(panel.getByTestId('holder-measures')).toContainText(`${metrics.holdings.holders} accounts`)
  await expect(panel.getByTestId('holder-measures')).toContainText(`Nakamoto coefficient${metrics.holdings.nakamoto}`)
  expect(metrics.holdings.top.length).toBeGreaterThan(0)
  const rpc = new JsonRpcProvider(info.chain.rpcUrl, undefined, { cacheTimeout: -1 })
  try {
    const token = new Contract(settings.token.address, ['function balanceOf(address) view returns (uint256)'], rpc)
    for (const t of metrics.holdings.top)
      expect(((await token.balanceOf(t.account, { blockTag: metrics.block })) as bigint).toString()).toBe(t.amount)
  } finally {
    rpc.destroy()
  }
})
