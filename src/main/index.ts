import { app, BrowserWindow, dialog } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { boot, type Booted } from './boot'
import { setNodeLauncher } from './core/sandbox/node-launcher'
import { registerAppScheme, serveRenderer } from './electron/app-protocol'
import { hardenSessions } from './electron/security'
import { registerCameraScan, registerIpc } from './electron/ipc'
import { createCameraGate } from './electron/camera-gate'
import { isTrustedUrl } from './electron/trusted-url'
import { utilityProcessLauncher } from './electron/utility-launcher'
import { createMainWindow } from './electron/window'

// The Electron shell: a thin adapter that opens the workspace, registers the API on IPC and shows one window.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined

// Before ready: every renderer sandboxed (whatever a window asks), and the app:// scheme the renderer is served on.
app.enableSandbox()
registerAppScheme()
// The sandbox chain runs in a utility process: the packaged app has the RunAsNode fuse off.
setNodeLauncher(utilityProcessLauncher)

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let booted: Booted | null = null
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  // The camera, for scanning a QR code, is the one permission the app's own window may get (camera-gate.ts).
  const camera = createCameraGate(
    (contentsId) => mainWindow !== null && mainWindow.webContents.id === contentsId,
    (url) => isTrustedUrl(url, devServerUrl),
  )

  app.whenReady().then(async () => {
    hardenSessions(devServerUrl, camera)
    serveRenderer(join(__dirname, '../renderer'))
    try {
      booted = await boot({
        dataDir: process.env.TREASURY_DATA_DIR ?? app.getPath('userData'),
        host: 'electron',
        nativeBinding: electronNativeBinding(),
        sandbox: process.argv.includes('--sandbox') || undefined,
      })
    } catch (error) {
      dialog.showErrorBox(
        'AITBC Treasury could not open its workspace',
        error instanceof Error ? error.message : String(error),
      )
      app.exit(1)
      return
    }
    registerIpc(
      booted.api,
      (event) => mainWindow !== null && BrowserWindow.fromWebContents(event.sender) === mainWindow,
      devServerUrl,
    )
    registerCameraScan(
      camera,
      (event) => mainWindow !== null && BrowserWindow.fromWebContents(event.sender) === mainWindow,
      devServerUrl,
    )
    mainWindow = createMainWindow(devServerUrl)
    mainWindow.on('closed', () => (mainWindow = null))
  })

  app.on('window-all-closed', () => app.quit())

  let closing = false
  app.on('will-quit', (event) => {
    if (closing || !booted) return
    event.preventDefault()
    closing = true
    void booted.close().finally(() => app.exit(0))
  })
}

/**
 * In development the project's better-sqlite3 is built for Node (tests, CLI, browser host); `npm start` keeps an
 * Electron-ABI build beside it. A packaged app has electron-builder's own rebuild and needs no override.
 */
function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const candidate = join(app.getAppPath(), '.cache', 'electron-native', 'better_sqlite3.node')
  return existsSync(candidate) ? candidate : undefined
}
