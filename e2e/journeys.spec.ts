import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Wallet, verifyTypedData } from 'ethers'
import type { Locator, Page } from '@playwright/test'
import { test, expect, appApi, hostChain, type AppUnderTest } from './fixtures'
import { expectAccessible } from './a11y'

/**
 * One journey per role, keyboard only: after the setup through the API (what colleagues did before), every step
 * in the page is Tab / Shift+Tab / Enter / Space / typing / shortcuts. `tabTo` presses Tab until the wanted control
 * has focus, and fails if it never does (a control the keyboard cannot reach fails the journey).
 */
async function tabTo(page: Page, target: Locator, { max = 80, back = false } = {}): Promise<void> {
  await expect(target).toBeVisible()
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`the keyboard never reached ${target.toString()} in ${max} presses`)
}

type Api = ReturnType<typeof appApi>

// Whole journeys with an axe-core pass per screen: longer than one feature's spec, above all on a loaded machine
// (the council's now decides a grant and signs an override with two keys too).
test.describe.configure({ timeout: 420_000 })

// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(
    testInfo.project.metadata.target !== 'browser',
    'not yet run under Electron (no Electron binary on the machines that wrote it); the browser host runs it',
  )
})

/** The role the picker stored, read back from the API (the home page's heading alone could come from a default). */
async function expectRole(api: Api, role: 'signer' | 'steward' | 'council') {
  await expect.poll(async () => (await api('prefs.get', {})).prefs.role).toBe(role)
}

/** Where the host wrote an export: somewhere under its data folder (the folder depends on the workspace). */
function exportedFile(app: AppUnderTest, name: string): string {
  const dir = app.host!.dataDir
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(name))
  if (!found) throw new Error(`no ${name} under ${dir}`)
  return join(dir, found)
}

const ONE_ETH = 10n ** 18n

/** The demo owners, imported (and so unlocked) as on the Signers page; one ETH transfer awaiting signatures. */
async function demoProposal(api: Api, title: string) {
  const keys = await api('keys.importSandboxSigners', { passphrase: 'a long enough passphrase' })
  const [safe] = await api('safe.list', {})
  const recipient = Wallet.createRandom().address
  const proposal = await api('proposals.create', {
    safe: safe.address,
    title,
    body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: ONE_ETH.toString() }] },
  })
  return { keys: keys.signers, safe: safe.address, id: proposal.id, safeTxHash: proposal.safeTxHash, recipient }
}

/** The first visit asks for a role; the keyboard answers it. */
async function pickRole(page: Page, name: string) {
  await expect(page.getByRole('heading', { name: 'What brings you here?' })).toBeVisible()
  await expectAccessible(page, 'the role picker')
  await tabTo(page, page.getByRole('button', { name, exact: true }))
  await page.keyboard.press('Enter')
}

test('signer: the palette leads home, where the proposal waits; review it and sign with the unlocked demo key', async ({
  app,
}) => {
  const { page } = app
  const api = appApi(app)
  const { id, keys, safe, safeTxHash } = await demoProposal(api, 'Pay the bridge auditor')
  const alice = keys.find((k) => k.label.startsWith('Alice'))!.address
  const chain = await hostChain(app)
  const nonceBefore = await chain.safeNonce(safe)

  await pickRole(page, 'Signer')
  await expect(page.getByRole('heading', { level: 1, name: 'Signer home' })).toBeVisible()
  await expectRole(api, 'signer')

  // The palette: Ctrl+K, type, Enter; focus comes back into the page.
  await page.keyboard.press('Control+K')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await expect(page.getByRole('combobox', { name: 'Go to a page or run an action' })).toBeFocused()
  await page.keyboard.type('sign')
  await expect(palette.getByRole('option').nth(2)).toBeVisible()
  await expectAccessible(page, 'the command palette')
  await page.screenshot({ path: 'e2e/screenshots/palette.png' })
  await page.keyboard.type(' home')
  await expect(palette.getByRole('option').first()).toHaveText(/Signer home/)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  expect(page.url()).toContain('#/home/signer')

  const waiting = page.getByTestId('waiting-list')
  await expect(waiting).toContainText('Pay the bridge auditor')
  await expect(waiting).toContainText('0 of 2 signatures')
  await expect(waiting).toContainText('Alice (demo) (unlocked)')
  await expectAccessible(page, 'the signer home')
  await page.screenshot({ path: 'e2e/screenshots/home-signer.png', fullPage: true })

  // One action: review, then sign with Alice's unlocked key.
  await tabTo(page, page.getByRole('link', { name: 'Review and sign “Pay the bridge auditor”' }))
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/proposals/${id}$`))
  await expect(page.getByTestId('status')).toHaveText('Awaiting signatures')
  await expectAccessible(page, 'the proposal under review')
  await tabTo(page, page.getByRole('button', { name: 'Sign with Alice (demo)' }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('signature-progress')).toHaveText('1 of 2')
  // Stored as Alice's own EIP-712 signature of this SafeTx; signing off chain leaves the Safe as it was.
  await expect
    .poll(async () => (await api('proposals.get', { id })).signatures.map((x) => [x.signer, x.kind, x.source]))
    .toEqual([[alice, 'eip712', 'local']])
  expect((await api('proposals.get', { id })).status).toBe('awaiting_signatures')
  expect(await chain.approvedHash(safe, alice, safeTxHash)).toBe(0n)
  expect(await chain.safeNonce(safe)).toBe(nonceBefore)

  // Back home with `g h`: Bob still has to sign, Alice no more.
  await page.keyboard.press('g')
  await page.keyboard.press('h')
  await expect(page.getByRole('heading', { level: 1, name: 'Signer home' })).toBeVisible()
  await expect(waiting).toContainText('1 of 2 signatures')
  await expect(waiting).not.toContainText('Alice (demo)')
  await expect(waiting).toContainText('Bob (demo) (unlocked)')

  // `?` lists the shortcuts; Escape closes it.
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden()
})

test('finance steward: home shows the signed proposal ready, execute it, export the audit CSV', async ({ app }) => {
  const { page } = app
  const api = appApi(app)
  const { keys, id, safe, recipient } = await demoProposal(api, 'Quarterly hosting')
  for (const signer of keys.slice(0, 2)) await api('proposals.sign', { id, signer: signer.address })
  const chain = await hostChain(app)
  const nonceBefore = await chain.safeNonce(safe)
  const safeBalanceBefore = await chain.balance(safe)

  await pickRole(page, 'Finance steward')
  await expect(page.getByRole('heading', { level: 1, name: 'Finance steward home' })).toBeVisible()
  await expectRole(api, 'steward')
  const ready = page.getByTestId('ready-list')
  await expect(ready).toContainText('Quarterly hosting')
  await expect(ready).toContainText('2 of 2 signatures')
  await expect(page.getByTestId('network-state')).toContainText('Online')
  await expectAccessible(page, 'the steward home')
  await page.screenshot({ path: 'e2e/screenshots/home-steward.png', fullPage: true })

  await tabTo(page, page.getByRole('link', { name: 'Review and execute “Quarterly hosting”' }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('status')).toHaveText('Ready')
  await expectAccessible(page, 'the proposal ready to execute')
  await tabTo(page, page.getByRole('button', { name: 'Execute', exact: true }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('status')).toHaveText('Executed')
  // On chain: the Safe's nonce moved on by one and the 1 ETH left the Safe for the recipient, in a mined transaction.
  await expect.poll(() => chain.safeNonce(safe)).toBe(nonceBefore + 1n)
  expect(await chain.balance(recipient)).toBe(ONE_ETH)
  expect(await chain.balance(safe)).toBe(safeBalanceBefore - ONE_ETH)
  const executed = await api('proposals.get', { id })
  expect(executed.status).toBe('executed')
  expect(executed.executions).toEqual([expect.objectContaining({ outcome: 'success', origin: 'app' })])
  const receipt = await chain.rpc<{ status: string; to: string }>('eth_getTransactionReceipt', [
    executed.executions[0].txHash,
  ])
  expect(receipt.status).toBe('0x1')
  expect(receipt.to.toLowerCase()).toBe(safe.toLowerCase())

  // Home again through the palette; nothing is left to execute; export the audit CSV from there.
  await page.keyboard.press('Control+K')
  await page.keyboard.type('home')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Finance steward home' })).toBeVisible()
  await expect(page.getByTestId('ready-to-execute')).toContainText('Nothing is ready to execute')
  await tabTo(page, page.getByRole('button', { name: 'Export the audit CSV' }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('recent-exports')).toContainText(/\.csv/)
  // The export finished in the host, and its file holds the execution: its transaction hash in the auditor CSV.
  await expect
    .poll(async () => (await api('exports.list', {})).jobs.filter((j) => j.format === 'csv').map((j) => j.state))
    .toEqual(['done'])
  const job = (await api('exports.list', {})).jobs.find((j) => j.format === 'csv')!
  await expect(page.getByTestId('recent-exports')).toContainText(job.fileName)
  const rows = readFileSync(exportedFile(app, job.fileName), 'utf8').split('\r\n')
  expect(rows.filter((r) => r.includes('proposal.executed'))).toEqual([
    expect.stringContaining(executed.executions[0].txHash),
  ])
  await expectAccessible(page, 'the steward home after the export')
})

test('council member: home shows the budget, the grant application and the open vote; vote, evaluate and approve a grant, and sign an override, by keyboard', async ({
  app,
}) => {
  const { page } = app
  const api = appApi(app)
  const keys = await api('keys.importSandboxSigners', { passphrase: 'a long enough passphrase' })
  const [alice, bob] = keys.signers.map((k) => k.address)
  const year = new Date().getUTCFullYear()
  const period = await api('budgets.createPeriod', {
    name: `FY${year}`,
    startsOn: `${year}-01-01`,
    endsOn: `${year}-12-31`,
  })
  const line = await api('budgets.createLine', {
    periodId: period.id,
    category: 'Grants',
    token: 'native',
    // Less than the grant's milestone: paying it needs the council's signed override.
    allocation: '4000000000000000000',
  })
  const program = await api('grants.createProgram', {
    name: 'Open source',
    category: 'Grants',
    budgetLineId: line.id,
    criteria: [{ label: 'Impact', weight: 2 }],
  })
  const grant = await api('grants.apply', {
    programId: program.id,
    title: 'Open indexer',
    applicant: 'Indexer collective',
    recipient: Wallet.createRandom().address,
    milestones: [{ title: 'Alpha', amount: '5000000000000000000', dueOn: `${year}-12-01` }],
  })
  const proposal = await api('governance.create', {
    kind: 'policy',
    title: 'Adopt the signing policy',
    body: 'Two of three owners sign every transfer; hardware keys for amounts over 10 ETH.',
    proposer: alice,
  })
  // Voting opens after the snapshot: mine past the voting delay.
  const chain = await hostChain(app)
  const head = Number(await chain.rpc('eth_blockNumber', []))
  await chain.rpc('hardhat_mine', ['0x' + (proposal.snapshotBlock + 1 - head).toString(16)])

  await pickRole(page, 'Council member')
  await expect(page.getByRole('heading', { level: 1, name: 'Council member home' })).toBeVisible()
  await expect(page.getByTestId('budget-table')).toContainText('Grants')
  await expect(page.getByTestId('grants-list')).toContainText('Open indexer')
  const vote = page.getByRole('form', { name: 'Vote on Adopt the signing policy' })
  await expect(vote).toBeVisible()
  await expectAccessible(page, 'the council home')
  await page.screenshot({ path: 'e2e/screenshots/home-council.png', fullPage: true })

  // Vote For as Alice (the first unlocked key), with a reason, keyboard only.
  await tabTo(page, vote.getByLabel('Vote as'))
  await tabTo(page, vote.getByRole('radio', { name: 'For' }))
  await page.keyboard.press('Space')
  await tabTo(page, vote.getByLabel('Reason (optional, public)'))
  await page.keyboard.type('Clear and cheap to follow')
  await tabTo(page, vote.getByRole('button', { name: 'Sign and record my vote' }))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('open-votes')).toContainText('Your vote (for) is recorded.')
  // Read back: Alice's vote, For, with her reason; its weight is her voting power at the snapshot as the token on
  // chain reports it, and its signature recovers to her over the governance domain (typed data written out here).
  await expect
    .poll(async () => (await api('governance.get', { id: proposal.id })).votes.map((v) => [v.voter, v.support]))
    .toEqual([[alice, 'for']])
  const detail = await api('governance.get', { id: proposal.id })
  const [cast] = detail.votes
  expect(cast).toMatchObject({ reason: 'Clear and cheap to follow', counted: true })
  const power = await chain.pastVotes(detail.token.address, alice, proposal.snapshotBlock)
  expect(power).toBeGreaterThan(0n)
  expect(BigInt(cast.weight)).toBe(power)
  expect(BigInt(detail.tally.for)).toBe(power)
  const { domain } = await api('governance.settings', {})
  const voteTypes = {
    Vote: [
      { name: 'proposalId', type: 'bytes32' },
      { name: 'support', type: 'uint8' },
      { name: 'voter', type: 'address' },
      { name: 'timestamp', type: 'uint64' },
      { name: 'reason', type: 'string' },
    ],
  }
  const ballot = { proposalId: proposal.id, support: 1, voter: alice, timestamp: cast.timestamp, reason: cast.reason }
  expect(verifyTypedData(domain!, voteTypes, ballot, cast.signature)).toBe(alice)

  // The dark theme through the palette (System → Light → Dark), kept in the data folder.
  // Each step waits for the palette to offer the action and to close again, then for the host to store the theme.
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  for (const theme of ['light', 'dark'] as const) {
    await page.keyboard.press('Control+K')
    await expect(palette).toBeVisible()
    await page.keyboard.type('theme')
    await expect(palette.getByRole('option').first()).toHaveText(/theme/i)
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect.poll(async () => (await api('prefs.get', {})).prefs.theme).toBe(theme)
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect
    .poll(async () => (await api('prefs.get', {})).prefs)
    .toEqual({
      role: 'council',
      theme: 'dark',
    })
  await expectAccessible(page, 'the council home in the dark theme')
  await page.screenshot({ path: 'e2e/screenshots/dark-theme.png', fullPage: true })

  // The council evaluates and approves the grant and its milestone: each a council act signed with a demo key.
  // As for the theme: the palette must be open, and its first option the page asked for, before Enter picks it.
  const open = async (name: string) => {
    await page.keyboard.press('Control+K')
    await expect(palette).toBeVisible()
    await page.keyboard.type(name)
    await expect(palette.getByRole('option').first()).toHaveText(new RegExp(name, 'i'))
    await page.keyboard.press('Enter')
    await expect(palette).toBeHidden()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  }
  const press = async (target: Locator) => {
    await tabTo(page, target, { max: 250 })
    await page.keyboard.press('Enter')
  }
  const type = async (target: Locator, text: string) => {
    await tabTo(page, target, { max: 250 })
    await page.keyboard.type(text)
  }
  await open('Grants')
  await press(page.getByTestId('grants').getByRole('button', { name: 'Open indexer' }))
  const grantView = page.getByTestId('grant-detail')
  const evaluate = grantView.getByRole('form', { name: 'Evaluate' })
  await type(evaluate.getByLabel(/Impact/), '8')
  await press(evaluate.getByRole('button', { name: 'Record evaluation', exact: true }))
  await expect(grantView.getByTestId('evaluations')).toContainText(alice)
  const decide = grantView.getByRole('form', { name: 'Decision' })
  await type(decide.getByLabel('Reason', { exact: true }), 'Indexers are what the community asked for')
  await press(decide.getByRole('button', { name: 'Approve grant', exact: true }))
  await expect(grantView.getByTestId('grant-decision')).toContainText(`approved by ${alice}`)
  const milestone = grantView.getByTestId('milestone-1')
  await type(milestone.getByLabel('Deliverable link for milestone 1'), 'https://example.org/alpha')
  await press(milestone.getByRole('button', { name: 'Submit milestone 1' }))
  await expect(milestone).toContainText('submitted')
  await press(milestone.getByRole('button', { name: 'Approve milestone 1', exact: true }))
  await expect(milestone).toContainText('approved')
  await expectAccessible(page, 'a grant decided by signed council acts')

  // Paying it exceeds the line: the override needs two members, Alice then Bob, each signing with the keyboard.
  await open('Disbursements')
  const batch = page.getByRole('form', { name: 'New batch' })
  await tabTo(page, batch.getByLabel(/Open indexer: Alpha/), { max: 250 })
  await page.keyboard.press('Space')
  await type(batch.getByLabel('Batch title', { exact: true }), 'Open indexer alpha')
  await press(batch.getByRole('button', { name: 'Check batch' }))
  await expect(batch.getByTestId('line-check')).toContainText('over budget')
  const override = batch.getByTestId('override')
  await type(override.getByLabel('Override reason', { exact: true }), 'Council agreed to front the alpha')
  await press(override.getByRole('button', { name: 'Sign the override', exact: true }))
  await expect(override.getByTestId('act-outcome')).toContainText(`Pending: signed by ${alice} (1 of 2)`)
  await press(override.getByRole('button', { name: /^Add signature to act #\d+$/ }))
  await expect(page.getByTestId('batch-detail').getByTestId('batch-override')).toContainText(`${alice}, ${bob}`)

  // Read back from the API: the grant, the batch and the signed acts.
  expect(await api('grants.get', { grantId: grant.id })).toMatchObject({
    status: 'approved',
    decidedBy: alice,
  })
  const batches = await api('disbursements.list', {})
  expect(batches.find((b) => b.title === 'Open indexer alpha')?.override?.by).toBe(`${alice}, ${bob}`)
  const acts = await api('council.acts', {
    status: 'effective',
  })
  expect(acts.map((a) => [a.kind, a.signers.map((x) => x.member)])).toEqual(
    expect.arrayContaining([
      ['grant-evaluation', [alice]],
      ['grant-decision', [alice]],
      ['milestone-decision', [alice]],
      ['budget-override', [alice, bob]],
    ]),
  )
})
