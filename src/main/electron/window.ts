import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import { APP_INDEX_URL } from './app-origin'

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'AITBC Treasury',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) can open links outside the navigation guards; the app never needs it.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  window.once('ready-to-show', () => window.show())
  // The built renderer comes from app://treasury (app-protocol.ts), never from file://.
  void window.loadURL(devServerUrl ?? APP_INDEX_URL)
  return window
}
