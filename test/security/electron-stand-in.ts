import { spawn } from 'node:child_process'
import { EventEmitter } from 'node:events'
import Module, { createRequire } from 'node:module'

/**
 * A stand-in for the `electron` module that records what the built main bundle asks of Electron: app calls (and
 * whether they came before `ready`), windows and their webPreferences, session handlers, protocols, IPC handlers and
 * utility processes. No Electron binary runs here; utility processes run as plain Node children so the sandbox
 * chain really starts.
 */
export interface Recorded {
  appCalls: Array<{ name: string; args: unknown[]; beforeReady: boolean }>
  windows: FakeWindow[]
  schemes: Array<{ schemes: unknown; beforeReady: boolean }>
  protocolHandlers: Map<string, (request: { url: string }) => Promise<Response>>
  ipcHandlers: Map<string, (event: unknown, input: unknown) => Promise<unknown>>
  session: {
    permissionRequest?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details?: unknown,
    ) => void
    permissionCheck?: (...args: unknown[]) => boolean
    devicePermission?: (...args: unknown[]) => boolean
    headersReceived?: (
      details: { responseHeaders: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void
  }
  utilityForks: Array<{ modulePath: string; args: string[]; options: { env?: NodeJS.ProcessEnv; stdio?: unknown } }>
  errors: string[]
}

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

let nextContentsId = 0

export class FakeWebContents extends EventEmitter {
  readonly id = ++nextContentsId
  readonly mainFrame: FakeFrame
  windowOpenHandler?: (details: { url: string }) => { action: string }
  constructor(url: string) {
    super()
    this.mainFrame = { url, parent: null }
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
}

export interface FakeWindow {
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>
  loaded: Array<{ how: 'loadURL' | 'loadFile'; target: string }>
  webContents: FakeWebContents
}

export function installElectronStandIn(userData: string, appPath: string) {
  let ready = false
  let markReady: () => void = () => {}
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve))
  const recorded: Recorded = {
    appCalls: [],
    windows: [],
    schemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    session: {},
    utilityForks: [],
    errors: [],
  }
  const children = new Set<ReturnType<typeof spawn>>()
  const note = (name: string, ...args: unknown[]) => recorded.appCalls.push({ name, args, beforeReady: !ready })

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    enableSandbox: () => note('enableSandbox'),
    requestSingleInstanceLock: () => (note('requestSingleInstanceLock'), true),
    quit: () => note('quit'),
    exit: (code: number) => note('exit', code),
    whenReady: () => readyPromise,
    getPath: (name: string) => (note('getPath', name), userData),
    getAppPath: () => appPath,
  })

  class BrowserWindow extends EventEmitter implements FakeWindow {
    loaded: FakeWindow['loaded'] = []
    webContents = new FakeWebContents('')
    constructor(public options: FakeWindow['options']) {
      super()
      recorded.windows.push(this)
      app.emit('web-contents-created', {}, this.webContents)
    }
    loadURL(url: string) {
      this.loaded.push({ how: 'loadURL', target: url })
      this.webContents.mainFrame.url = url
      return Promise.resolve()
    }
    loadFile(file: string) {
      this.loaded.push({ how: 'loadFile', target: file })
      return Promise.resolve()
    }
    isMinimized = () => false
    restore() {}
    focus() {}
    show() {}
    static fromWebContents(contents: unknown) {
      return recorded.windows.find((w) => w.webContents === contents) ?? null
    }
  }

  const utilityProcess = {
    fork(modulePath: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; stdio?: unknown }) {
      recorded.utilityForks.push({ modulePath, args, options })
      // Like a utility process, the child ends with us: its stdin pipe stays open until we exit.
      const child = spawn(process.execPath, [modulePath, ...args], {
        cwd: options.cwd,
        env: options.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      children.add(child)
      const proc = Object.assign(new EventEmitter(), {
        stdout: child.stdout,
        stderr: child.stderr,
        pid: child.pid,
        kill: () => child.kill('SIGTERM'),
      })
      child.once('exit', (code) => {
        children.delete(child)
        proc.emit('exit', code ?? 0)
      })
      return proc
    },
  }

  const electron = {
    app,
    BrowserWindow,
    utilityProcess,
    dialog: { showErrorBox: (title: string, message: string) => recorded.errors.push(`${title}: ${message}`) },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) =>
        recorded.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => recorded.schemes.push({ schemes, beforeReady: !ready }),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) =>
        recorded.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Recorded['session']['permissionRequest']) =>
          (recorded.session.permissionRequest = h),
        setPermissionCheckHandler: (h: Recorded['session']['permissionCheck']) =>
          (recorded.session.permissionCheck = h),
        setDevicePermissionHandler: (h: Recorded['session']['devicePermission']) =>
          (recorded.session.devicePermission = h),
        webRequest: {
          onHeadersReceived: (h: Recorded['session']['headersReceived']) => (recorded.session.headersReceived = h),
        },
      },
    },
  }

  // `require('electron')` anywhere in the bundle resolves to this object.
  const id = '/__electron-stand-in__/electron.js'
  const moduleApi = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string
    _cache: Record<string, unknown>
  }
  const resolve = moduleApi._resolveFilename
  moduleApi._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? id : resolve.call(this, request, ...rest)
  }
  const stub = new Module(id)
  stub.filename = id
  stub.loaded = true
  stub.exports = electron
  moduleApi._cache[id] = stub

  return {
    recorded,
    app,
    load: (bundle: string) => createRequire(import.meta.url)(bundle),
    ready() {
      ready = true
      markReady()
    },
    restore() {
      moduleApi._resolveFilename = resolve
      delete moduleApi._cache[id]
      for (const child of children) child.kill('SIGKILL')
    },
  }
}
