import { chromium } from '@playwright/test'
import { Contract, JsonRpcProvider, Network, Wallet, parseEther } from 'ethers'
import { test, expect, hostCall, startHost, CHROMIUM, CHROMIUM_ARGS } from './fixtures'
import { startForeignChains, type ForeignChain } from '../test/foreign/chains'

// A DAO brings the treasury it already has: a Safe v1.3.0 3-of-5 on a devnet (chain 1337, where safe-deployments'
// canonical addresses hold no code) and a Safe v1.4.1 2-of-3 on the L2 singleton of a chain safe-deployments does
// not list. Plain Hardhat nodes the app did not make; the browser host starts WITHOUT --sandbox, as `npm run serve`
// does on a fresh data folder. Every outcome that matters is read from the chain.

const CONTRACT_LABELS: Array<[keyof ForeignChain['contracts'], string]> = [
  ['safeSingletonAddress', 'Safe singleton'],
  ['safeProxyFactoryAddress', 'Proxy factory'],
  ['multiSendAddress', 'MultiSend'],
  ['multiSendCallOnlyAddress', 'MultiSendCallOnly'],
  ['fallbackHandlerAddress', 'Fallback handler'],
  ['signMessageLibAddress', 'SignMessageLib'],
  ['createCallAddress', 'CreateCall'],
  ['simulateTxAccessorAddress', 'SimulateTxAccessor'],
]

const api = hostCall

// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.metadata.target !== 'browser', 'drives the browser host started without --sandbox')
})

test('an existing treasury on two chains: welcome with contract addresses, Safe switcher, a v1.3.0 payment', async () => {
  test.setTimeout(300_000)
  const chains = await startForeignChains()
  const host = await startHost([], { sandbox: false })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const page = await (await browser.newContext()).newPage()
  const { l1, l2 } = chains
  try {
    await page.goto(host.launchUrl)
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'New workspace' }).click()
    await dialog.getByLabel('Workspace name').fill('Foreign DAO')
    await dialog.getByRole('button', { name: 'Create workspace' }).click()

    // Chain 1: the welcome asks for the contract addresses, because the canonical ones hold no code on this devnet.
    const connectChain = async (chain: ForeignChain, name: string) => {
      await dialog.getByLabel('RPC URL').fill(chain.rpcUrl)
      await dialog.getByLabel('Expected chain ID').fill(String(chain.chainId))
      await dialog.getByLabel('Chain name (optional)').fill(name)
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(dialog.getByTestId('firstrun-contracts-help')).toBeVisible()
      await expect(dialog.getByTestId('firstrun-error')).toContainText('give the addresses')
      await expect(dialog.getByTestId('firstrun-error')).not.toContainText('network connection')
      for (const [key, label] of CONTRACT_LABELS)
        await dialog.getByLabel(label, { exact: true }).fill(chain.contracts[key])
      await dialog.getByRole('button', { name: 'Connect', exact: true }).click()
      await expect(dialog.getByRole('heading', { name: `Add your Safe on ${name}` })).toBeVisible()
    }
    const addSafe = async (chain: ForeignChain, label: string) => {
      await dialog.getByLabel('Safe address').fill(chain.safe.address)
      await dialog.getByLabel('Label (optional)').fill(label)
      await dialog.getByRole('button', { name: 'Add Safe' }).click()
      await expect(dialog.getByRole('heading', { name: 'Safe added' })).toBeVisible()
    }
    await expect(dialog.getByRole('heading', { name: /Connect the chain of “Foreign DAO”/ })).toBeVisible()
    await connectChain(l1, 'Devnet L1')
    await addSafe(l1, 'Treasury L1')
    await expect(dialog.getByTestId('firstrun-safes')).toContainText('Treasury L1 · Devnet L1 · Safe 1.3.0 · 3 of 5')

    // Chain 2, in the same workspace.
    await dialog.getByRole('button', { name: 'Connect another chain' }).click()
    await expect(dialog.getByRole('heading', { name: /Connect another chain to “Foreign DAO”/ })).toBeVisible()
    await connectChain(l2, 'Rollup')
    await addSafe(l2, 'Treasury L2')
    await expect(dialog.getByTestId('firstrun-safes')).toContainText('Treasury L2 · Rollup · Safe 1.4.1 · 2 of 3')
    await page.screenshot({ path: 'e2e/screenshots/existing-treasury-welcome.png' })
    await dialog.getByRole('button', { name: 'Open the dashboard' }).click()

    // Both Safes side by side on the dashboard; the one added last is active.
    await expect(page.getByTestId('safe-card')).toHaveCount(2)
    await expect(page.getByTestId('safe-cards')).toContainText('Devnet L1 · chain 1337 · Safe v1.3.0')
    await expect(page.getByTestId('safe-cards')).toContainText('Rollup · chain 412346 · Safe v1.4.1')
    await expect(page.getByTestId('safe-address')).toHaveText(l2.safe.address)
    await expect(page.getByTestId('threshold')).toHaveText('2 of 3')

    // Switching the active Safe: the top bar's switcher, no new workspace.
    await page.getByTestId('safe-switcher').selectOption(`1337:${l1.safe.address}`)
    await expect(page.getByTestId('safe-address')).toHaveText(l1.safe.address)
    await expect(page.getByTestId('threshold')).toHaveText('3 of 5')
    await expect(page.getByRole('button', { name: 'Switch workspace (Foreign DAO)' })).toBeVisible()
    const info = await api<{ chain: { chainId: number } }>(host, 'workspace.info')
    expect(info.chain.chainId).toBe(1337)
    await page.screenshot({ path: 'e2e/screenshots/existing-treasury-dashboard.png' })

    // Three of the five owners' keys in this workspace (the Signers page has its own journeys).
    for (const [i, o] of l1.safe.owners.slice(0, 3).entries()) {
      await api(host, 'keys.import', {
        label: `Owner ${i + 1}`,
        passphrase: `owner ${i + 1} passphrase`,
        source: { kind: 'privateKey', privateKey: o.privateKey },
      })
      await api(host, 'keys.unlock', { address: o.address, passphrase: `owner ${i + 1} passphrase` })
    }

    // One transfer from the v1.3.0 Safe: proposed, signed by 3 owners, executed in the app.
    const recipient = Wallet.createRandom().address
    await page.getByRole('link', { name: 'Proposals' }).first().click()
    await page.getByRole('button', { name: 'New proposal' }).click()
    await expect(page.getByRole('heading', { name: 'New proposal' })).toBeVisible()
    await page.getByLabel('Title').fill('Pay the auditor (L1)')
    await page.getByLabel('Recipient').fill(recipient)
    await page.getByLabel('Amount (ETH)').fill('2')
    await page.getByLabel('Amount (ETH)').press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
    for (const n of [1, 2, 3]) {
      await page.getByRole('button', { name: `Sign with Owner ${n}` }).click()
      await expect(page.getByTestId('signature-progress')).toHaveText(`${n} of 3`)
    }
    await expect(page.getByTestId('status')).toHaveText('Ready')
    await page.getByRole('button', { name: 'Execute', exact: true }).click()
    await expect(page.getByTestId('status')).toHaveText('Executed')

    const network = Network.from(1337)
    const rpc = new JsonRpcProvider(l1.rpcUrl, network, { staticNetwork: network, cacheTimeout: -1 })
    try {
      expect(await rpc.getBalance(recipient)).toBe(parseEther('2'))
      const safe = new Contract(l1.safe.address, ['function nonce() view returns (uint256)'], rpc)
      expect(await safe.nonce()).toBe(1n)
      expect(await rpc.getBalance(l1.safe.address)).toBe(BigInt(l1.safe.funded.native) - parseEther('2'))

      // A token the app has never heard of, registered by address on the Tokens page; its balance on the
      // Dashboard for the v1.3.0 Safe is the chain's.
      const fusd = l1.tokens.stable.address
      await page.getByRole('link', { name: 'Tokens' }).first().click()
      await expect(page.getByRole('heading', { name: 'Tokens', exact: true })).toBeVisible()
      await page.getByLabel('Token contract address').fill(fusd)
      await page.getByRole('button', { name: 'Add token' }).click()
      await expect(page.getByTestId(`token-${fusd}`)).toContainText('FUSD')
      const registry = await api<{
        chainId: number
        tokens: Array<{ address: string; decimals: number; source: string }>
      }>(host, 'tokens.list')
      expect(registry.chainId).toBe(1337)
      expect(registry.tokens.find((t) => t.address === fusd)).toMatchObject({ decimals: 6, source: 'address' })

      await page.getByRole('link', { name: 'Dashboard' }).first().click()
      await page.getByRole('button', { name: 'Read balances' }).click()
      const onChain = (await new Contract(fusd, ['function balanceOf(address) view returns (uint256)'], rpc).balanceOf(
        l1.safe.address,
      )) as bigint
      expect(onChain).toBe(BigInt(l1.safe.funded.stable))
      const row = page.getByTestId(`safe-balances-${l1.safe.address}`).getByTestId('token-balance-FUSD')
      await expect(row).toContainText('250,000')
      await expect(row.locator('td.num').getByTitle(`${onChain} base units, 6 decimals`)).toBeVisible()
      await page.screenshot({ path: 'e2e/screenshots/existing-treasury-token-balance.png', fullPage: true })

      // The DAO's own votes token has an ERC-6372 timestamp clock: once chosen, the Rules tab counts the voting
      // delay and period in seconds, not blocks.
      const fdao = l1.tokens.votes.address
      expect(await new Contract(fdao, ['function CLOCK_MODE() view returns (string)'], rpc).CLOCK_MODE()).toBe(
        'mode=timestamp',
      )
      await page.getByRole('link', { name: 'Tokens' }).first().click()
      await page.getByLabel('Token contract address').fill(fdao)
      await page.getByRole('button', { name: 'Add token' }).click()
      await expect(page.getByTestId(`token-${fdao}`)).toContainText('FDAO')
      await page.getByRole('link', { name: 'Governance' }).first().click()
      await page.getByRole('tab', { name: 'Rules' }).click()
      await page.getByLabel('Votes token').selectOption(fdao)
      await page.getByRole('button', { name: 'Use as governance token' }).click()
      await expect(page.getByTestId('gov-token-current')).toContainText('timestamp (periods in seconds)')
      const technical = page.getByTestId('rules-technical')
      await expect(technical.getByLabel('Voting delay (seconds)')).toBeVisible()
      await expect(technical.getByLabel('Voting period (seconds)')).toBeVisible()
      await expect(technical).not.toContainText('(blocks)')
      const settings = await api<{ clockMode?: string }>(host, 'governance.settings')
      expect(settings.clockMode).toBe('timestamp')
    } finally {
      rpc.destroy()
    }
  } finally {
    await browser.close()
    await host.stop()
    await chains.stop()
  }
})
