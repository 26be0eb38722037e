import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { callNames } from '../../src/shared/contract'
import { FakeWebContents, installElectronStandIn, type FakeWindow } from './electron-stand-in'

const root = resolve(__dirname, '../..')
const bundle = join(root, 'out/main/index.js')

/**
 * The BUILT Electron main bundle (out/main/index.js, made by `npm run test:security`'s electron-vite build) loaded
 * against a stand-in `electron` module: every trust setting of the shell is read from what it asked of Electron.
 */
describe('Electron shell settings (built main bundle, stand-in electron)', () => {
  const userData = mkdtempSync(join(tmpdir(), 'treasury-electron-'))
  const standIn = installElectronStandIn(userData, root)
  const { recorded } = standIn
  const savedEnv = { ...process.env }
  let window: FakeWindow

  beforeAll(async () => {
    expect(existsSync(bundle), 'run `npx electron-vite build` first').toBe(true)
    process.env.TREASURY_DATA_DIR = userData
    // Set in our environment: the sandbox chain must not inherit it (the RunAsNode fuse is off in the package).
    process.env.ELECTRON_RUN_AS_NODE = '1'
    delete process.env.ELECTRON_RENDERER_URL
    standIn.load(bundle)
    standIn.ready()
    const deadline = Date.now() + 120_000
    while (recorded.windows.length === 0 && recorded.errors.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
    expect(recorded.errors).toEqual([])
    window = recorded.windows[0]
  }, 150_000)

  afterAll(async () => {
    // Quit as Electron would: will-quit closes the workspace (and the sandbox chain), then app.exit(0).
    let prevented = false
    standIn.app.emit('will-quit', { preventDefault: () => (prevented = true) })
    const deadline = Date.now() + 30_000
    while (prevented && !recorded.appCalls.some((c) => c.name === 'exit') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100))
    process.env = savedEnv
    standIn.restore()
  }, 40_000)

  it('sandboxes every renderer and registers app:// as a standard, secure scheme, before ready', () => {
    const sandbox = recorded.appCalls.find((c) => c.name === 'enableSandbox')
    expect(sandbox?.beforeReady).toBe(true)
    expect(recorded.schemes).toHaveLength(1)
    expect(recorded.schemes[0].beforeReady).toBe(true)
    expect(recorded.schemes[0].schemes).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ])
  })

  it('opens one window with a locked-down webPreferences, loading app://treasury (never file://)', () => {
    expect(recorded.windows).toHaveLength(1)
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    })
    expect(window.options.webPreferences?.preload).toBe(join(root, 'out/preload/index.js'))
    expect(window.loaded).toEqual([{ how: 'loadURL', target: 'app://treasury/index.html' }])
  })

  it('serves the built renderer on app://treasury only, with the CSP; bad escapes 400, elsewhere 404', async () => {
    const handler = recorded.protocolHandlers.get('app')!
    expect(handler).toBeDefined()
    const index = await handler({ url: 'app://treasury/index.html' })
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/^text\/html/)
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/)
    expect(await index.text()).toContain('<div id="root">')
    expect((await handler({ url: 'app://treasury/%E0%A4%A' })).status).toBe(400)
    expect((await handler({ url: 'app://treasury/..%2f..%2fpackage.json' })).status).toBe(404)
    expect((await handler({ url: 'app://evil/index.html' })).status).toBe(404)
    expect((await handler({ url: 'app://treasury/no-such-asset.js' })).status).toBe(404)
  })

  it('denies permissions and devices, and sends the CSP on every response', () => {
    let granted: boolean | undefined
    recorded.session.permissionRequest!({}, 'media', (g) => (granted = g))
    expect(granted).toBe(false)
    expect(recorded.session.permissionCheck!({}, 'clipboard-read')).toBe(false)
    expect(recorded.session.devicePermission!({})).toBe(false)
    let headers: Record<string, string[]> | undefined
    recorded.session.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders))
    expect(headers?.['Content-Security-Policy']?.[0]).toMatch(/^default-src 'none'/)
    expect(headers?.['X-Other']).toEqual(['1'])
  })

  it('grants the camera (video only) to our window during a scan it opened, and nothing else, ever', async () => {
    const contents = window.webContents
    const scan = recorded.ipcHandlers.get('treasury-camera:scan')!
    const url = 'app://treasury/index.html'
    const ask = (who: FakeWebContents, permission: string, mediaTypes: string[]) => {
      let granted: boolean | undefined
      recorded.session.permissionRequest!(who, permission, (g) => (granted = g), { mediaTypes, requestingUrl: url })
      return granted
    }
    expect(ask(contents, 'media', ['video'])).toBe(false)
    const other = new FakeWebContents(url)
    expect(await scan({ sender: other, senderFrame: other.mainFrame }, true)).toBe(false)
    expect(await scan({ sender: contents, senderFrame: contents.mainFrame }, true)).toBe(true)
    expect(ask(contents, 'media', ['video'])).toBe(true)
    expect(recorded.session.permissionCheck!(contents, 'media', url, { requestingUrl: url })).toBe(true)
    expect(ask(contents, 'media', ['video', 'audio'])).toBe(false)
    expect(ask(contents, 'geolocation', [])).toBe(false)
    expect(ask(other, 'media', ['video'])).toBe(false)
    await scan({ sender: contents, senderFrame: contents.mainFrame }, false)
    expect(ask(contents, 'media', ['video'])).toBe(false)
  })

  it('refuses navigation away from app://treasury (file:// included), new windows and webviews', () => {
    const contents = window.webContents
    const attempt = (event: string, url: string) => {
      let prevented = false
      const e = { url, preventDefault: () => (prevented = true) }
      contents.emit(event, e, url)
      return prevented
    }
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(attempt(event, 'file:///tmp/evil.html')).toBe(true)
      expect(attempt(event, 'https://evil.example/')).toBe(true)
      expect(attempt(event, 'app://other/index.html')).toBe(true)
      expect(attempt(event, 'app://treasury/index.html#/audit')).toBe(false)
    }
    expect(contents.windowOpenHandler!({ url: 'app://treasury/index.html' })).toEqual({ action: 'deny' })
    expect(attempt('will-attach-webview', 'app://treasury/index.html')).toBe(true)
  })

  it('registers one IPC handler per call, answering only our window’s main frame on app://treasury', async () => {
    const channels = [...recorded.ipcHandlers.keys()]
    expect(channels.filter((c) => c !== 'treasury-camera:scan').sort()).toEqual(
      callNames.map((n) => `treasury:${n}`).sort(),
    )
    const handler = recorded.ipcHandlers.get('treasury:keys.list')!
    const contents = window.webContents
    const ask = (sender: FakeWebContents, senderFrame: unknown) => handler({ sender, senderFrame }, {})
    expect(await ask(contents, contents.mainFrame)).toMatchObject({ ok: true })

    const refused = { ok: false, error: { code: 'UNAUTHORIZED' } }
    const subFrame = { url: 'app://treasury/index.html', parent: contents.mainFrame }
    expect(await ask(contents, subFrame)).toMatchObject(refused)
    expect(await ask(contents, null)).toMatchObject(refused)
    const other = new FakeWebContents('app://treasury/index.html')
    expect(await ask(other, other.mainFrame)).toMatchObject(refused)
    // A local HTML file that got into our own window holds nothing.
    const url = contents.mainFrame.url
    contents.mainFrame.url = 'file:///tmp/evil.html'
    try {
      expect(await ask(contents, contents.mainFrame)).toMatchObject(refused)
    } finally {
      contents.mainFrame.url = url
    }
  })

  it('starts the sandbox chain as a utility process, without ELECTRON_RUN_AS_NODE', () => {
    expect(recorded.utilityForks).toHaveLength(1)
    const fork = recorded.utilityForks[0]
    expect(fork.modulePath).toMatch(/resources[\\/]sandbox[\\/]node-runner\.cjs$/)
    expect(fork.args[0]).toBe(createRequire(import.meta.url).resolve('hardhat/internal/cli/cli.js'))
    expect(fork.options.env?.ELECTRON_RUN_AS_NODE).toBeUndefined()
    expect(fork.options.stdio).toBe('pipe')
  })
})

describe('electron-builder configuration', () => {
  it('flips the fuses as Signal-Desktop does (read and schema-checked by electron-builder itself)', async () => {
    const require = createRequire(import.meta.url)
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
    const { DebugLogger } = require('builder-util')
    const config = await getConfig(root, null, null)
    await validateConfiguration(config, new DebugLogger(false))
    expect(config.asar).not.toBe(false) // ASAR integrity and OnlyLoadAppFromAsar need an asar
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})
