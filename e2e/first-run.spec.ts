import { chromium, type Locator, type Page } from '@playwright/test'
import { JsonRpcProvider, parseEther } from 'ethers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, startHost, CHROMIUM, CHROMIUM_ARGS, type BrowserHostProcess } from './fixtures'
import { expectAccessible } from './a11y'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'

/** Presses Tab (keyboard only) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, max = 150): Promise<void> {
  await expect(target).toBeVisible()
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

async function openBrowser(host: BrowserHostProcess) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  // axe-core needs a page from an explicit context.
  const page = await (await browser.newContext()).newPage()
  await page.goto(host.launchUrl)
  return { browser, page }
}

async function api<T>(host: BrowserHostProcess, name: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  return ((await res.json()) as { value: T }).value
}

// Both journeys start their own browser host without --sandbox (as `npm run serve` does on a fresh data folder).
// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.metadata.target !== 'browser', 'drives the browser host started without --sandbox')
})

test('first run: the welcome, the sandbox, and the whole tutorial with the keyboard only', async () => {
  test.setTimeout(180_000)
  const host = await startHost([], { sandbox: false })
  const { browser, page } = await openBrowser(host)
  try {
    const welcome = page.getByRole('dialog', { name: 'Welcome to AITBC Treasury' })
    await expect(welcome).toBeVisible()
    await expectAccessible(page, 'the first-run welcome')
    await page.screenshot({ path: 'e2e/screenshots/first-run-welcome.png' })

    await tabTo(page, welcome.getByRole('button', { name: 'Try the sandbox (guided tutorial)' }))
    await page.keyboard.press('Enter')
    await expect(welcome).toHaveCount(0)

    const tutorial = page.getByTestId('tutorial')
    const step = page.getByTestId('tutorial-step')
    await expect(step).toHaveAttribute('data-step', 'signers')
    await expectAccessible(page, 'the tutorial, step 1 (demo signers)')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-1-signers.png' })
    await tabTo(page, tutorial.getByRole('button', { name: 'Use the demo signers' }))
    await page.keyboard.press('Enter')

    // 1. Create the proposal on the form the tutorial opens.
    await expect(step).toHaveAttribute('data-step', 'create')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-2-create.png' })
    await tabTo(page, tutorial.getByRole('link', { name: 'Open the new proposal form' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'New proposal' })).toBeVisible()
    await expectAccessible(page, 'the new proposal form (tutorial step 2)')
    const carol = sandboxAccounts().signers[2].address
    const rpcUrl = (await api<{ chain: { rpcUrl: string } }>(host, 'workspace.info')).chain.rpcUrl
    const rpc = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 })
    const before = await rpc.getBalance(carol)
    await tabTo(page, page.getByLabel('Title'))
    await page.keyboard.type('Tutorial payment')
    await tabTo(page, page.getByLabel('Recipient'))
    await page.keyboard.type(carol)
    await tabTo(page, page.getByLabel('Amount (ETH)'))
    await page.keyboard.type('1')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')

    // 2 and 3. Two of the three demo owners sign.
    await expect(step).toHaveAttribute('data-step', 'sign1')
    await expectAccessible(page, 'the proposal page (tutorial step 3)')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-3-sign.png' })
    await tabTo(page, page.getByRole('button', { name: 'Sign with Alice (demo)' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
    await expect(step).toHaveAttribute('data-step', 'sign2')
    await tabTo(page, page.getByRole('button', { name: 'Sign with Bob (demo)' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Ready')

    // 4. Execute.
    await expect(step).toHaveAttribute('data-step', 'execute')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-4-execute.png' })
    await tabTo(page, page.getByRole('button', { name: 'Execute', exact: true }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Executed')
    await expect(page.getByTestId('executions')).toContainText('ExecutionSuccess')
    expect((await rpc.getBalance(carol)) - before).toBe(parseEther('1'))
    rpc.destroy()

    // 5. See it in History and in the Audit trail.
    await expect(step).toHaveAttribute('data-step', 'history')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-5-executed.png' })
    await tabTo(page, tutorial.getByRole('link', { name: 'Open History' }))
    await page.keyboard.press('Enter')
    await expect(page.locator('main')).toContainText('Tutorial payment')
    await expect(step).toHaveAttribute('data-step', 'audit')
    await expectAccessible(page, 'History (tutorial step 6)')
    await tabTo(page, tutorial.getByRole('link', { name: 'Open the Audit trail' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('audit-table')).toContainText('proposal.executed')
    await expect(page.getByTestId('tutorial-status')).toContainText('one proposal from creation to execution')
    await expectAccessible(page, 'the Audit trail (tutorial complete)')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-6-done.png' })
  } finally {
    await browser.close()
    await host.stop()
  }
})

test('a new workspace keeps its own data; switching back and a restart open the right one', async () => {
  test.setTimeout(180_000)
  const dataDir = mkdtempSync(join(tmpdir(), 'treasury-e2e-workspaces-'))
  let host = await startHost([], { sandbox: false, dataDir })
  let { browser, page } = await openBrowser(host)
  try {
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'New workspace' }).click()
    await dialog.getByLabel('Workspace name').fill('Ops council')
    await dialog.getByRole('button', { name: 'Create workspace' }).click()

    // The chain step refuses an endpoint that does not answer, and says so.
    await expect(dialog.getByRole('heading', { name: /Connect the chain of “Ops council”/ })).toBeVisible()
    await dialog.getByLabel('RPC URL').fill('http://127.0.0.1:9/')
    await dialog.getByLabel('Expected chain ID').fill('1')
    await dialog.getByRole('button', { name: 'Connect' }).click()
    await expect(dialog.getByTestId('firstrun-error')).toBeVisible()
    await expectAccessible(page, 'the new-workspace chain step with an error')
    await page.screenshot({ path: 'e2e/screenshots/first-run-chain-error.png' })
    await dialog.getByRole('button', { name: /^Later/ }).click()

    // Ops council is open, empty of the sandbox: its audit trail starts with its creation.
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('workspace.created')
    await expect(page.getByTestId('audit-table')).not.toContainText('sandbox.started')

    // Switch to the sandbox: its own trail, not the other's.
    await page.getByRole('button', { name: 'Switch workspace (Ops council)' }).click()
    await expect(page.getByRole('dialog', { name: 'Switch workspace' })).toBeVisible()
    await expectAccessible(page, 'the workspace switcher')
    await page.getByRole('dialog').getByRole('button', { name: 'Open workspace' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Open Sandbox' }).click()
    await expect(page.getByRole('button', { name: 'Switch workspace (Sandbox)' })).toBeVisible({ timeout: 60_000 })
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('sandbox.started')
    await expect(page.getByTestId('audit-table')).not.toContainText('workspace.created')

    // And back to Ops council.
    await page.getByRole('button', { name: 'Switch workspace (Sandbox)' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Open workspace' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Open Ops council' }).click()
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('workspace.opened')
    await expect(page.getByTestId('audit-table')).not.toContainText('sandbox.started')

    // A restart opens the last choice, with no welcome.
    await browser.close()
    await host.stop()
    host = await startHost([], { sandbox: false, dataDir })
    ;({ browser, page } = await openBrowser(host))
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await expect(page.getByRole('dialog')).toHaveCount(0)
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
