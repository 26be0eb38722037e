import { chromium, type Locator, type Page } from '@playwright/test'
import { parseEther } from 'ethers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  test,
  expect,
  startHost,
  hostApi,
  hostChain,
  CHROMIUM,
  CHROMIUM_ARGS,
  type BrowserHostProcess,
} from './fixtures'
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

/** The actions of the open workspace's audit trail, oldest first (read from the host, not the Audit page). */
async function auditActions(host: BrowserHostProcess): Promise<string[]> {
  return (await hostApi(host)('audit.list', { limit: 500 })).events.map((e) => e.action).reverse()
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
    // The host runs the sandbox chain now, with the demo Safe deployed on it, and the tutorial is on.
    const api = hostApi(host)
    await expect.poll(async () => (await api('workspace.info', {})).chain?.isSandbox).toBe(true)
    await expect.poll(async () => (await api('tutorial.get', {})).status).toBe('active')
    const demo = (await api('tutorial.get', {})).demo!
    const chain = await hostChain(host)
    const safe = demo.safe!
    expect(await chain.code(safe)).not.toBe('0x')
    expect(await chain.threshold(safe)).toBe(2n)
    const nonceBefore = await chain.safeNonce(safe)

    const tutorial = page.getByTestId('tutorial')
    const step = page.getByTestId('tutorial-step')
    await expect(step).toHaveAttribute('data-step', 'signers')
    await expectAccessible(page, 'the tutorial, step 1 (demo signers)')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-1-signers.png' })
    await tabTo(page, tutorial.getByRole('button', { name: 'Use the demo signers' }))
    await page.keyboard.press('Enter')
    const [alice, bob, carolSigner] = sandboxAccounts().signers
    await expect
      .poll(async () =>
        (await api('keys.list', {})).signers
          .filter((k) => k.unlocked)
          .map((k) => k.address)
          .sort(),
      )
      .toEqual([alice.address, bob.address, carolSigner.address].sort())

    // 1. Create the proposal on the form the tutorial opens.
    await expect(step).toHaveAttribute('data-step', 'create')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-2-create.png' })
    await tabTo(page, tutorial.getByRole('link', { name: 'Open the new proposal form' }))
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { name: 'New proposal' })).toBeVisible()
    await expectAccessible(page, 'the new proposal form (tutorial step 2)')
    const carol = carolSigner.address
    const before = await chain.balance(carol)
    await tabTo(page, page.getByLabel('Title'))
    await page.keyboard.type('Tutorial payment')
    await tabTo(page, page.getByLabel('Recipient'))
    await page.keyboard.type(carol)
    await tabTo(page, page.getByLabel('Amount (ETH)'))
    await page.keyboard.type('1')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
    // Stored as typed: 1 ETH to Carol from the demo Safe, at the Safe's next nonce.
    const id = Number(/#\/proposals\/(\d+)/.exec(page.url())![1])
    const created = await api('proposals.get', { id })
    expect(created).toMatchObject({ title: 'Tutorial payment', safe, status: 'awaiting_signatures' })
    expect(created.actions).toEqual([{ type: 'eth_transfer', to: carol, amount: parseEther('1').toString() }])
    expect(created.nonce).toBe(Number(nonceBefore))
    const signers = async () => (await api('proposals.get', { id })).signatures.map((x) => x.signer)

    // 2 and 3. Two of the three demo owners sign.
    await expect(step).toHaveAttribute('data-step', 'sign1')
    await expectAccessible(page, 'the proposal page (tutorial step 3)')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-3-sign.png' })
    await tabTo(page, page.getByRole('button', { name: 'Sign with Alice (demo)' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
    await expect.poll(signers).toEqual([alice.address])
    await expect(step).toHaveAttribute('data-step', 'sign2')
    await tabTo(page, page.getByRole('button', { name: 'Sign with Bob (demo)' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Ready')
    await expect.poll(signers).toEqual([alice.address, bob.address])
    expect((await api('proposals.get', { id })).status).toBe('ready')
    expect(await chain.safeNonce(safe)).toBe(nonceBefore) // signatures are off chain: nothing sent yet

    // 4. Execute.
    await expect(step).toHaveAttribute('data-step', 'execute')
    await tutorial.scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'e2e/screenshots/tutorial-4-execute.png' })
    await tabTo(page, page.getByRole('button', { name: 'Execute', exact: true }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('status')).toHaveText('Executed')
    await expect(page.getByTestId('executions')).toContainText('ExecutionSuccess')
    await expect.poll(() => chain.safeNonce(safe)).toBe(nonceBefore + 1n)
    expect((await chain.balance(carol)) - before).toBe(parseEther('1'))
    const executed = await api('proposals.get', { id })
    expect(executed.status).toBe('executed')
    const receipt = await chain.rpc<{ status: string }>('eth_getTransactionReceipt', [executed.executions[0].txHash])
    expect(receipt.status).toBe('0x1')

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
    expect(await auditActions(host)).toEqual(expect.arrayContaining(['proposal.created', 'proposal.executed']))
    await expect.poll(async () => (await api('tutorial.get', {})).status).toBe('done')
    expect((await api('tutorial.get', {})).steps.filter((x) => !x.done)).toEqual([])
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
    const current = async () => (await hostApi(host)('workspaces.list', {})).current
    await expect.poll(current).toMatchObject({ name: 'Ops council', kind: 'named' })
    const ops = (await current())!.id

    // The chain step refuses an endpoint that does not answer, and says so.
    await expect(dialog.getByRole('heading', { name: /Connect the chain of “Ops council”/ })).toBeVisible()
    await dialog.getByLabel('RPC URL').fill('http://127.0.0.1:9/')
    await dialog.getByLabel('Expected chain ID').fill('1')
    await dialog.getByRole('button', { name: 'Connect' }).click()
    await expect(dialog.getByTestId('firstrun-error')).toBeVisible()
    await expectAccessible(page, 'the new-workspace chain step with an error')
    await page.screenshot({ path: 'e2e/screenshots/first-run-chain-error.png' })
    await dialog.getByRole('button', { name: /^Later/ }).click()
    expect((await hostApi(host)('workspace.info', {})).chain).toBeNull() // the refused endpoint was not kept

    // Ops council is open, empty of the sandbox: its audit trail starts with its creation.
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('workspace.created')
    await expect(page.getByTestId('audit-table')).not.toContainText('sandbox.started')
    expect(await auditActions(host)).toContain('workspace.created')
    expect(await auditActions(host)).not.toContain('sandbox.started')

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
    expect(await current()).toMatchObject({ id: 'sandbox', kind: 'sandbox' })
    expect(await auditActions(host)).toContain('sandbox.started')
    expect(await auditActions(host)).not.toContain('workspace.created')
    const sandboxSafe = (await hostApi(host)('safe.overview', {})).address
    expect(await (await hostChain(host)).code(sandboxSafe)).not.toBe('0x')

    // And back to Ops council.
    await page.getByRole('button', { name: 'Switch workspace (Sandbox)' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Open workspace' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Open Ops council' }).click()
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await page.getByRole('link', { name: 'Audit trail' }).click()
    await expect(page.getByTestId('audit-table')).toContainText('workspace.opened')
    await expect(page.getByTestId('audit-table')).not.toContainText('sandbox.started')
    expect(await current()).toMatchObject({ id: ops, name: 'Ops council' })
    expect(await auditActions(host)).toEqual(expect.arrayContaining(['workspace.created', 'workspace.opened']))

    // A restart opens the last choice, with no welcome.
    await browser.close()
    await host.stop()
    host = await startHost([], { sandbox: false, dataDir })
    ;({ browser, page } = await openBrowser(host))
    await expect(page.getByRole('button', { name: 'Switch workspace (Ops council)' })).toBeVisible()
    await expect(page.getByRole('dialog')).toHaveCount(0)
    const restarted = await hostApi(host)('workspaces.list', {})
    expect(restarted).toMatchObject({ firstRun: false, current: { id: ops, name: 'Ops council' } })
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
})
