import { test, expect, appApi } from './fixtures'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Contract, JsonRpcProvider, Wallet, parseUnits } from 'ethers'
import { sandboxAccounts } from '../src/main/core/sandbox/accounts'
import { governanceDomain, signVote, type VoteMessage } from '../src/main/core/governance/typed-data'
import { voteFile } from '../src/main/core/governance/files'
import type { SafeTx } from '../src/main/core/signing/safe-tx'
import { executeSafeTx } from '../test/integration/disbursements-chain'
import { submitCouncilAct } from '../test/integration/council-acts'

const aitbc = (v: string) => parseUnits(v, 18).toString()

/*
 * Issue 17 on the sandbox: a budget, a grant paid in two milestones by one batch, and the governance decision that
 * approved exactly that batch's transfers, executed through the Safe. The transparency report (PDF read back with
 * pdftotext) prints each records section with the figures the API gives, and the decision impact page traces the
 * decision to the paid milestones; outcomes are read from the API and the chain, not only the screen.
 */
test('the report and the decision impact page trace a decision to paid milestones', async ({ app }) => {
  test.skip(app.target !== 'browser', 'the PDF is downloaded through the browser host')
  test.setTimeout(180_000)
  const { page } = app
  const api = appApi(app)
  const info = await api('workspace.info', {})
  const settings = await api('governance.settings', {})
  const rpc = new JsonRpcProvider(info.chain!.rpcUrl, undefined, { cacheTimeout: -1 })
  const [alice, bob] = sandboxAccounts().signers.map((s) => new Wallet(s.privateKey))
  const token = settings.token!.address
  const grantee = Wallet.createRandom().address
  const overview = await api('safe.overview', { refresh: true })
  const safe = overview.address

  // Budget, program, a grant of two milestones, both delivered and approved.
  const period = await api('budgets.createPeriod', { name: 'FY2026', startsOn: '2026-01-01', endsOn: '2026-12-31' })
  const line = await api('budgets.createLine', {
    periodId: period.id,
    category: 'research',
    token,
    allocation: aitbc('1000'),
  })
  const program = await api('grants.createProgram', {
    name: 'Research grants',
    category: 'research',
    budgetLineId: line.id,
    criteria: [{ label: 'Impact', weight: 1 }],
  })
  let grant = await api('grants.apply', {
    programId: program.id,
    title: 'ZK audit',
    applicant: 'Eve',
    recipient: grantee,
    milestones: [
      { title: 'Design', amount: aitbc('100'), dueOn: '2026-07-31' },
      { title: 'Report', amount: aitbc('150'), dueOn: '2026-08-31' },
    ],
  })
  await submitCouncilAct(
    api,
    'grant-evaluation',
    { grantId: grant.id, scores: [{ criterionId: program.criteria[0].id, score: 9 }] },
    [alice],
  )
  await submitCouncilAct(api, 'grant-decision', { grantId: grant.id, decision: 'approve', reason: 'fits the plan' }, [
    bob,
  ])
  grant = await api('grants.get', { grantId: grant.id })
  for (const m of grant.milestones) {
    await api('grants.milestone', { action: 'submit', milestoneId: m.id, deliverableUrl: 'https://example.org/d' })
    await submitCouncilAct(api, 'milestone-decision', { milestoneId: m.id, decision: 'approve' }, [alice])
  }

  // The governance decision approving exactly those two payments, voted, queued, past its timelock.
  const decision = await api('governance.create', {
    kind: 'treasury_spending',
    title: 'Fund the ZK audit',
    body: 'Both milestones of grant ZK audit.',
    proposer: alice.address,
    spending: {
      safe,
      transfers: grant.milestones.map((m) => ({ recipient: grantee, token, amount: m.amount })),
    },
  })
  const mineTo = async (block: number) =>
    rpc.send('hardhat_mine', ['0x' + Math.max(1, block - (await rpc.getBlockNumber())).toString(16)])
  await mineTo(decision.snapshotBlock + 1)
  const domain = governanceDomain(info.chain!.chainId, token)
  for (const w of [alice, bob]) {
    const message: VoteMessage = {
      proposalId: decision.id,
      support: 1,
      voter: w.address,
      timestamp: Math.floor(Date.now() / 1000),
      reason: 'Audit first',
    }
    await api('governance.importVotes', {
      text: JSON.stringify(voteFile(domain, message, await signVote(w, domain, message))),
    })
  }
  await mineTo(decision.endBlock + 1)
  await api('governance.get', { id: decision.id })
  await api('governance.queue', { id: decision.id })
  await rpc.send('evm_increaseTime', [2 * 86_400 + 1])
  await rpc.send('evm_mine', [])

  // The milestones' batch is the Safe transaction that carries the decision out: linked, signed, executed.
  const draft = await api('disbursements.create', {
    title: 'ZK audit milestones',
    source: { kind: 'milestones', milestoneIds: grant.milestones.map((m) => m.id) },
  })
  const proposed = await api('disbursements.propose', { batchId: draft.id })
  const tx = proposed.safeTx as SafeTx
  await api('governance.linkSafeTx', { id: decision.id, safeTx: tx })
  const receipt = await executeSafeTx({
    rpcUrl: info.chain!.rpcUrl,
    chainId: 31337,
    safeAddress: safe,
    safeTx: tx,
    signerKeys: [alice.privateKey, bob.privateKey],
    executorKey: alice.privateKey,
  })
  await api('disbursements.confirmExecution', { txHash: receipt.hash, block: receipt.blockNumber })
  expect((await api('governance.get', { id: decision.id })).state).toBe('Executed')
  const balance = await new Contract(token, ['function balanceOf(address) view returns (uint256)'], rpc).balanceOf(
    grantee,
  )
  expect(balance).toBe(250n * 10n ** 18n)
  rpc.destroy()

  // The API's account of the decision: both milestones paid in the execution, 250 AITBC moved, the line charged.
  const [impact] = (await api('impact.decisions', { id: decision.id })).decisions
  expect(impact.executedTxHash).toBe(receipt.hash)
  expect(impact.moved).toEqual([expect.objectContaining({ symbol: 'AITBC', amount: aitbc('250') })])
  expect(impact.grants[0].milestones.map((m) => [m.title, m.status, m.paidTxHash])).toEqual([
    ['Design', 'paid', receipt.hash],
    ['Report', 'paid', receipt.hash],
  ])
  expect(impact.budgetLines).toEqual([expect.objectContaining({ category: 'research', charged: aitbc('250') })])
  const lineNow = (await api('budgets.listLines', {})).find((l) => l.id === line.id)!
  expect(lineNow.spent).toBe(aitbc('250'))

  // The page shows the same trace.
  await page.getByRole('link', { name: 'Decision impact' }).click()
  const card = page.getByTestId(`impact-${decision.id}`)
  await expect(card).toContainText('Fund the ZK audit')
  await expect(card.getByTestId('impact-executed')).toContainText(receipt.hash)
  await expect(card.getByTestId('impact-money')).toContainText('250 AITBC')
  const milestones = card.getByTestId('impact-milestones').locator('tbody tr')
  await expect(milestones).toHaveCount(2)
  for (const row of await milestones.all()) {
    await expect(row).toContainText('paid')
    await expect(row).toContainText(receipt.hash)
  }
  await page.screenshot({ path: 'e2e/screenshots/decision-impact-browser.png', fullPage: true })

  // The PDF: every records section, with the API's figures.
  await page.getByRole('link', { name: 'Reports' }).click()
  await page.getByRole('radio', { name: /PDF transparency report/ }).check()
  const before = await page.getByTestId('export-done').count()
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByTestId('export-done')).toHaveCount(before + 1, { timeout: 90_000 })
  const name = (await page.getByTestId('export-done').first().locator('.mono').textContent())!.trim()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: `Download ${name}` }).click()
  const pdf = join(mkdtempSync(join(tmpdir(), 'report-impact-')), name)
  await (await download).saveAs(pdf)
  const pages = spawnSync('pdftoppm', ['-png', '-r', '80', pdf, `${pdf}-page`], { encoding: 'utf8' })
  expect(pages.status, pages.stderr).toBe(0)
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout
  const human = (base: string) => (BigInt(base) / 10n ** 18n).toString()
  expect(text).toMatch(
    new RegExp(`FY2026\\s+research\\s+AITBC\\s+${human(lineNow.allocated)}\\s+0\\s+${human(lineNow.spent)}\\s+750`),
  )
  expect(text).toMatch(/Research\s+#\d+ ZK audit\s+AITBC\s+250\s+250\s+250\s+2 of 2/)
  expect(text).toMatch(/Fund the ZK audit\s+Treasury\s+Executed/)
  expect(text).toMatch(/Fund the ZK audit\s+250 AITBC\s+250 AITBC\s+#\d+ ZK audit: Design paid,/)
  expect(text).toContain('Grant: Research grants') // the batch's outflow, categorised by its grant program
  // The PDF's pages as images for the README (the records sections are on the first two).
  for (const [i, png] of readdirSync(dirname(pdf))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .slice(0, 2)
    .entries())
    copyFileSync(join(dirname(pdf), png), `e2e/screenshots/report-pdf-page-${i + 1}.png`)
  await page.screenshot({ path: 'e2e/screenshots/report-impact-browser.png', fullPage: true })
})
