/** Only the app's own pages may load in the window: the built renderer (file://) or the dev server in development. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url)
    if (devServerUrl && parsed.origin === new URL(devServerUrl).origin) return true
    return parsed.protocol === 'file:' && !parsed.host
  } catch {
    return false
  }
}
