import { test, expect, appApi, type AppUnderTest } from './fixtures'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// One sandbox host for the file, in this order: the exports test counts the trail from the sandbox start (it runs
// first); the analytics test only reads.
test.use({ hostPerFile: true })

const CLI = resolve('out/main/cli.js')

/**
 * Exports from the Reports page and saves the browser download into `dir`. The host must have finished that export
 * itself (its job done, its file listed with the size downloaded), not only the page say so.
 */
async function exportFromUi(app: AppUnderTest, label: string, dir: string): Promise<string> {
  const { page } = app
  const api = appApi(app)
  await page.getByRole('radio', { name: new RegExp(label) }).check()
  const before = await page.getByTestId('export-done').count()
  await page.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(page.getByTestId('export-done')).toHaveCount(before + 1, { timeout: 60_000 })
  const name = (await page.getByTestId('export-done').first().locator('.mono').textContent())!.trim()
  await expect
    .poll(async () => (await api('exports.list', {})).jobs.find((j) => j.fileName === name)?.state)
    .toBe('done')
  const listed = (await api('exports.list', {})).files.find((f) => f.name === name)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: `Download ${name}` }).click()
  const file = join(dir, (await download).suggestedFilename())
  await (await download).saveAs(file)
  expect(file.endsWith(name)).toBe(true)
  expect(statSync(file).size).toBe(listed?.bytes)
  return file
}

/** The newest audit event, read from the API. */
async function lastAuditEvent(app: AppUnderTest) {
  const { events } = await appApi(app)('audit.list', { limit: 1 })
  return events[0] as (typeof events)[0] & { payload: { fileName: string; sha256: string; format: string } }
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' })
}

test('CSV, JSON and PDF exports from the UI; the bundle verifies with the CLI alone; the PDF shows the sandbox', async ({
  app,
}) => {
  test.skip(app.target !== 'browser', 'downloads go through the browser host')
  const { page } = app
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
  const safe = (await page.getByTestId('safe-address').textContent())!.trim()
  // Two more audited changes, so the trail has a middle event to tamper with.
  const api = appApi(app)
  await api('safe.add', { address: safe, label: 'Treasury, "main" =1+1' })
  await api('safe.add', { address: safe, label: 'Demo treasury (sandbox)' })
  expect((await api('workspace.info', {})).audit.events).toBe(3)

  await page.getByRole('link', { name: 'Reports' }).click()
  await expect(page.getByRole('heading', { name: 'Reports and exports' })).toBeVisible()
  const downloads = mkdtempSync(join(tmpdir(), 'treasury-downloads-'))

  // CSV: the auditor columns, one row per event, formulas neutralised.
  const csv = readFileSync(await exportFromUi(app, 'CSV for auditors', downloads), 'utf8').split('\r\n')
  expect(csv[0]).toMatch(
    /^utc_time,chain_id,safe,nonce,safe_tx_hash,tx_hash,block,from,to,token_symbol,token_address,amount,/,
  )
  expect(csv.filter((l) => l.includes('sandbox.started'))).toHaveLength(1)
  expect(csv.find((l) => l.includes('sandbox.started'))).toContain(`31337,${safe}`)
  expect(csv.filter((l) => l.includes('safe.added'))).toHaveLength(2)

  // Each export is an audit event (who, range, format, SHA-256): the CSV's is #4, the head the bundle covers.
  const info = await api('workspace.info', {})
  const csvEvent = await lastAuditEvent(app)
  expect(csvEvent).toMatchObject({ seq: 4, action: 'export.created', payload: { format: 'csv' } })
  expect(csvEvent.payload.sha256).toBe(sha256Hex(readFileSync(join(downloads, csvEvent.payload.fileName))))

  // JSON: copied alone into a fresh folder, verified there by the built CLI with no workspace.
  const bundle = await exportFromUi(app, 'JSON audit bundle', downloads)
  const fresh = mkdtempSync(join(tmpdir(), 'treasury-auditor-'))
  const copy = join(fresh, 'bundle.json')
  copyFileSync(bundle, copy)
  const good = cli(['audit', 'verify', 'bundle.json'], fresh)
  expect(good.stdout).toContain('OK: bundle.json is an intact audit bundle')
  expect(good.stdout).toContain('#1 to #4')
  expect(good.status).toBe(0)
  expect(readdirSync(fresh)).toEqual(['bundle.json']) // no workspace was created to check it
  expect(good.stdout).toContain(info.audit.headHash)

  // One byte of event #2 changed: the CLI names it and fails.
  const lines = readFileSync(copy, 'utf8').split('\n')
  const i = lines.findIndex((l) => l.startsWith('{"seq":2,'))
  lines[i] = lines[i].replace('Treasury', 'Treasurx')
  writeFileSync(copy, lines.join('\n'))
  const bad = cli(['audit', 'verify', 'bundle.json'], fresh)
  expect(bad.status).toBe(1)
  expect(bad.stdout).toMatch(/BROKEN: event #2 \(line 3\): event content does not match its hash/)

  // The same tampered file checked in the app names the same event.
  await page.getByRole('link', { name: 'Audit trail' }).click()
  await page.getByLabel('Check an export file…').setInputFiles(copy)
  await expect(page.getByTestId('bundle-verdict')).toContainText('broken at event #2')
  await page.getByLabel('Check an export file…').setInputFiles(bundle)
  await expect(page.getByTestId('bundle-verdict')).toContainText('intact, events #1 to #4')

  // PDF: a real document (rendered to PNG pages) with the sandbox's numbers and the head hash.
  await page.getByRole('link', { name: 'Reports' }).click()
  const beforePdf = await api('workspace.info', {}) // #5: the bundle's export
  const pdf = await exportFromUi(app, 'PDF transparency report', downloads)
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-')
  const pages = spawnSync('pdftoppm', ['-png', '-r', '50', pdf, join(downloads, 'page')], { encoding: 'utf8' })
  expect(pages.status, pages.stderr).toBe(0)
  const pngs = readdirSync(downloads).filter((f) => /^page-\d+\.png$/.test(f))
  expect(pngs.length).toBeGreaterThanOrEqual(1)
  for (const png of pngs) expect(statSync(join(downloads, png)).size).toBeGreaterThan(5_000)
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout
  expect(text).toContain('Treasury transparency report')
  expect(text).toContain(safe)
  expect(text).toMatch(/ETH\s+0\s+100\s+\+100/) // before the sandbox existed, then its 100 ETH
  expect(text).toMatch(/AITBC\s+0\s+1,000,000\s+\+1,000,000/)
  expect(text).toContain('2 of 3 owners must sign')
  expect(text).toContain('No budget period overlaps this period.')
  expect(text).toContain(`Audit head #5: ${beforePdf.audit.headHash}`)
  await page.screenshot({ path: `e2e/screenshots/reports-${app.target}.png`, fullPage: true })
})

test('the analytics page charts the Safe and the trail, with the numbers in tables', async ({ app }) => {
  const { page } = app
  await expect(page.getByTestId('threshold')).toHaveText('2 of 3')
  await page.getByRole('link', { name: 'Analytics' }).click()
  const balance = page.getByTestId('series-treasury-balance')
  await expect(balance.getByRole('heading', { name: 'Treasury balance over time' })).toBeVisible()
  await expect(balance.getByRole('img', { name: /Treasury balance over time: ETH/ })).toBeVisible()
  await expect(balance.getByRole('table').first().locator('tbody tr').last()).toContainText('100')
  await expect(page.getByTestId('series-inflows-outflows').getByRole('table').nth(1)).toContainText('1,000,000')
  await expect(page.getByTestId('series-audit-activity').getByRole('table')).toContainText('1')
  await expect(page.getByTestId('series-signer-participation').getByRole('table')).toContainText('local-user')
  await expect(page.getByTestId('series-budget-utilisation')).toContainText('No budget period overlaps this period.')
  await page.screenshot({ path: `e2e/screenshots/analytics-${app.target}.png`, fullPage: true })
  expect(existsSync(CLI)).toBe(true)
})
