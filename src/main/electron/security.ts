import { app, session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../serve/security'
import { isTrustedUrl } from './trusted-url'

/**
 * Denies what a treasury window never needs: new windows, navigation away from app://treasury (file:// included),
 * webviews, permission prompts and device access; every page is sent the app's CSP as a header.
 */
export function hardenSessions(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault()
    }
    contents.on('will-navigate', guard)
    contents.on('will-frame-navigate', (event) => guard(event, event.url))
    contents.on('will-redirect', guard)
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
  const defaultSession = session.defaultSession
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  defaultSession.setPermissionCheckHandler(() => false)
  defaultSession.setDevicePermissionHandler(() => false)
  // The dev server's hot reload needs inline script; everywhere else the CSP also travels as a header.
  if (!devServerUrl)
    defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      }),
    )
}
