import { APP_HOST, APP_SCHEME } from './app-origin'

/**
 * Only the app's own pages may load in the window and call the API: app://treasury (the built renderer, see
 * app-protocol.ts) or, in development only, the dev server's origin. file:// is never trusted.
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl && parsed.origin === new URL(devServerUrl).origin) return true
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password
  } catch {
    return false
  }
}
