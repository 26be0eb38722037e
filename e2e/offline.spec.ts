import { readFileSync, readdirSync } from 'node:fs'
import { test, expect, hostApi } from './fixtures'
import { expectAccessible } from './a11y'

/** The sandbox chain's node: the host's child process running Hardhat's node runner. */
function sandboxNodePid(hostPid: number): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1])
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (ppid === hostPid && cmdline.includes('node-runner')) return Number(entry)
    } catch {
      // a process that ended while the list was read
    }
  }
  throw new Error(`no sandbox node under host ${hostPid}`)
}

test('offline: the app says what works and what waits, keeps review and export, and comes back when the chain answers', async ({
  app,
}) => {
  test.skip(app.target !== 'browser' || process.platform !== 'linux', 'freezes the sandbox node through /proc')
  const { page, host } = app
  const api = hostApi(host!)
  expect((await api('prefs.set', { role: 'steward' })).prefs.role).toBe('steward')
  await page.reload()
  await expect(page.getByTestId('network-state')).toContainText('Online')
  expect((await api('network.status', {})).state).toBe('online')
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)

  // The chain stops answering (its node frozen, as a dropped network leaves it): the probe's 5 s limit runs out.
  const node = sandboxNodePid(host!.pid)
  process.kill(node, 'SIGSTOP')
  try {
    await page.reload()
    const banner = page.getByTestId('offline-banner')
    await expect(banner).toContainText('Works offline', { timeout: 30_000 })
    await expect(banner).toContainText('Waits for the network')
    await expect(page.getByTestId('network-state')).toContainText('Offline')
    // The host's own probe says so too (the banner is not a guess of the page).
    expect((await api('network.status', {})).state).toBe('offline')
    await page.evaluate("window.location.hash = '/home'")
    await expect(page.getByRole('heading', { level: 1, name: 'Finance steward home' })).toBeVisible()
    // What needs the chain says why it waits; what does not still works: the audit export.
    await expect(page.getByRole('button', { name: 'Sync with the chain' })).toBeDisabled()
    await expect(page.getByText('Sync waits for the network')).toBeVisible()
    await page.getByRole('button', { name: 'Export the audit CSV' }).click()
    await expect(page.getByTestId('recent-exports')).toContainText(/\.csv/, { timeout: 30_000 })
    // Written by the host with the chain away: the job is done, its file is there and holds the whole trail.
    await expect
      .poll(async () => (await api('exports.list', {})).jobs.map((j) => [j.format, j.state]), { timeout: 30_000 })
      .toEqual([['csv', 'done']])
    const [job] = (await api('exports.list', {})).jobs
    expect((await api('exports.list', {})).files.map((f) => f.name)).toContain(job.fileName)
    await expect(page.getByTestId('recent-exports')).toContainText(job.fileName)
    // The file holds every event before it; the export itself is the one event after (audited with its SHA-256).
    expect((job.events ?? 0) + 1).toBe((await api('workspace.info', {})).audit.events)
    const [exported] = (await api('audit.list', { limit: 1 })).events
    expect(exported).toMatchObject({ action: 'export.created', payload: { fileName: job.fileName } })
    await expectAccessible(page, 'the steward home offline')
    await page.screenshot({ path: 'e2e/screenshots/offline.png', fullPage: true })
  } finally {
    process.kill(node, 'SIGCONT')
  }

  // The chain answers again: one "Check again" and the app is online, the banner gone, Sync enabled.
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(page.getByTestId('network-state')).toContainText('Online', { timeout: 15_000 })
  await expect.poll(async () => (await api('network.status', {})).state).toBe('online')
  await expect(page.getByTestId('offline-banner')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Sync with the chain' })).toBeEnabled()
})
