import { test, expect, hostApi, type BrowserHostProcess } from './fixtures'
import type { Page } from '@playwright/test'
import { Wallet } from 'ethers'
import { blockingViolations } from './a11y'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'

const E18 = 10n ** 18n

/** The pages of src/renderer/src/pages/index.ts (importing it would pull the renderer into Node). */
const PAGES = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'sign', label: 'Sign' },
  { id: 'signers', label: 'Signers' },
  { id: 'governance', label: 'Governance' },
  { id: 'budgets', label: 'Budgets' },
  { id: 'grants', label: 'Grants' },
  { id: 'disbursements', label: 'Disbursements' },
  { id: 'analytics', label: 'Analytics' },
  { id: 'proposals', label: 'Proposals' },
  { id: 'history', label: 'History' },
  { id: 'safes', label: 'Safes' },
  { id: 'addressbook', label: 'Address book' },
  { id: 'audit', label: 'Audit trail' },
  { id: 'reports', label: 'Reports' },
  { id: 'prices', label: 'Prices' },
  { id: 'hardware', label: 'Hardware signers' },
  { id: 'txservice', label: 'Transaction Service' },
]

// The file's tests share one host (see `hostPerFile`): the empty workspace is checked first, then the two halves read
// one seeded workspace. A failed test restarts the worker, so a test after it gets a fresh host and seeds it itself.
test.use({ hostPerFile: true })

const seeded = new Map<string, ReturnType<typeof seedOnce>>()

/** The host's seeded workspace: seeded by the first test that needs it, the same ids for the next. */
function seed(host: BrowserHostProcess) {
  if (!seeded.has(host.url)) seeded.set(host.url, seedOnce(host))
  return seeded.get(host.url)!
}

/** One of everything the pages list: a budget, a grant, a spending proposal, a vote, a contact, a signing request. */
async function seedOnce(host: BrowserHostProcess) {
  const api = hostApi(host)
  const overview = await api('safe.overview', { refresh: true })
  const token = overview.balances.find((b) => b.symbol === 'AITBC')!.address!
  const [alice] = sandboxAccounts().signers
  const recipient = Wallet.createRandom().address
  const period = await api('budgets.createPeriod', { name: '2026-Q3', startsOn: '2026-07-01', endsOn: '2026-09-30' })
  const line = await api('budgets.createLine', {
    periodId: period.id,
    category: 'development',
    token,
    allocation: (10_000n * E18).toString(),
  })
  const program = await api('grants.createProgram', {
    name: 'Development grants',
    category: 'development',
    budgetLineId: line.id,
    criteria: [{ label: 'Impact', weight: 3 }],
  })
  await api('grants.apply', {
    programId: program.id,
    title: 'Open indexer',
    applicant: 'Dana',
    recipient,
    milestones: [{ title: 'Prototype', amount: (1000n * E18).toString(), dueOn: '2026-07-31' }],
  })
  await api('addressbook.set', { address: recipient, label: 'Dana (indexer)' })
  const proposal = await api('proposals.create', {
    safe: overview.address,
    title: 'Pay the security auditor',
    category: 'Security',
    body: { type: 'transactions', parts: [{ type: 'eth_transfer', to: recipient, amount: (2n * E18).toString() }] },
  })
  const vote = await api('governance.create', {
    kind: 'treasury_spending',
    title: 'Fund the security audit',
    body: '2,500 AITBC to the auditors for the Q3 review.',
    proposer: alice.address,
    spending: {
      safe: overview.address,
      transfers: [{ recipient, token, amount: (2500n * E18).toString() }],
    },
  })
  return { proposalId: proposal.id, voteId: vote.id }
}

async function visit(page: Page, hash: string, navLabel: string) {
  await page.evaluate((h) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
  }, hash)
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: navLabel, exact: true })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
  // Let the page's first loads settle (busy indicators gone) before axe reads it.
  await expect(page.locator('[aria-busy="true"], .busy')).toHaveCount(0)
}

/** With A11Y_REPORT=1 the spec lists every violation of every page instead of stopping at the first page. */
const REPORT = !!process.env.A11Y_REPORT

async function expectAccessible(page: Page, where: string, rules?: string[]) {
  const found = await blockingViolations(page, rules)
  if (REPORT) {
    if (found.length) console.log(`=== ${where}\n${found.join('\n')}`)
  } else expect(found, `axe-core on ${where}`).toEqual([])
}

/**
 * Every WCAG A/AA rule in the light scheme, a screenshot, then the contrast rule again in the dark scheme (the only
 * rule the scheme changes; running it alone keeps the suite fast).
 */
async function check(page: Page, name: string, screenshot?: string) {
  await page.emulateMedia({ colorScheme: 'light' })
  await expectAccessible(page, `${name} (light)`)
  if (screenshot) await page.screenshot({ path: `e2e/screenshots/${screenshot}.png`, fullPage: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectAccessible(page, `${name} (dark)`, ['color-contrast'])
  await page.emulateMedia({ colorScheme: 'light' })
}

// First, while the shared host's workspace is still untouched.
test('the empty workspace: each list says what to do next, and those pages pass axe-core', async ({ app }) => {
  test.skip(app.target !== 'browser', 'runs on the browser host')
  test.setTimeout(180_000)
  const { page } = app
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
  const next: Array<[id: string, label: string, says: RegExp]> = [
    ['sign', 'Sign', /No signing requests yet\. Make one/],
    ['governance', 'Governance', /No proposal yet\. Anyone may draft one with New proposal/],
    ['budgets', 'Budgets', /No budget periods yet\. Create the first period below/],
    ['grants', 'Grants', /No programs yet\..*Budgets page first/],
    ['disbursements', 'Disbursements', /No batches yet\. Make one with New batch/],
    ['reports', 'Reports', /No exports yet\. Choose a format/],
  ]
  for (const [id, label, says] of next) {
    await visit(page, `#/${id}`, label)
    await expect(page.locator('.empty').filter({ hasText: says })).toBeVisible()
    await expectAccessible(page, `${id} (empty)`)
  }
})

// Two halves, so neither runs long (about a minute each on an idle machine), on the workspace seeded once.
for (const [half, pages] of [
  ['first', PAGES.slice(0, 7)],
  ['second', PAGES.slice(7)],
] as const) {
  test(`the ${half} half of the pages passes axe-core (WCAG A/AA, light and dark) in a populated workspace`, async ({
    app,
  }) => {
    test.skip(app.target !== 'browser', 'seeds the workspace through the browser host API')
    test.setTimeout(420_000)
    const { page, host } = app
    await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
    const { proposalId, voteId } = await seed(host!)

    for (const p of pages) {
      await visit(page, `#/${p.id}`, p.label)
      await check(page, p.id, p.id)
    }
    if (half === 'first') {
      // The detail screens a council member passes through.
      await visit(page, `#/governance/${voteId}`, 'Governance')
      await expect(page.getByTestId('proposal-detail')).toBeVisible()
      await check(page, 'governance proposal detail', 'governance-detail')
      await visit(page, '#/grants', 'Grants')
      await page.getByTestId('grants').getByRole('button', { name: 'Open indexer' }).click()
      await expect(page.getByTestId('grant-detail')).toBeVisible()
      await check(page, 'grant detail', 'grant-detail')
    } else {
      // The screen a signer and a steward work on.
      await visit(page, `#/proposals/${proposalId}`, 'Proposals')
      await expect(page.getByTestId('proposal-title')).toBeVisible()
      await check(page, 'proposal detail', 'proposal-detail')
    }
  })
}
