import { app, session, type WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../serve/security'
import { isTrustedUrl } from './trusted-url'
import type { CameraGate } from './camera-gate'

/**
 * Denies what a treasury window never needs: new windows, navigation away from app://treasury (file:// included),
 * webviews, permission prompts and device access; every page is sent the app's CSP as a header. The one exception
 * is the camera while the app's window scans a QR code (camera-gate.ts decides).
 */
export function hardenSessions(devServerUrl: string | undefined, camera?: CameraGate): void {
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
  defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(
      camera !== undefined &&
        contents?.id !== undefined &&
        camera.allows({
          contentsId: contents.id,
          permission,
          mediaTypes: details && 'mediaTypes' in details ? (details.mediaTypes ?? []) : [],
          url: details?.requestingUrl ?? '',
        }),
    ),
  )
  defaultSession.setPermissionCheckHandler(
    (contents, permission, _origin, details) =>
      camera !== undefined &&
      contents?.id !== undefined &&
      camera.allows({ contentsId: contents.id, permission, url: details?.requestingUrl ?? '' }),
  )
  defaultSession.setDevicePermissionHandler(() => false)
  // The dev server's hot reload needs inline script; everywhere else the CSP also travels as a header.
  if (!devServerUrl)
    defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      }),
    )
}
