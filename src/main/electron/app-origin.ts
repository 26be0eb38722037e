import { join, normalize, sep } from 'node:path'

/**
 * The renderer is served from `app://treasury/…`, never from file://: a file:// window would trust every local file
 * (any HTML page that got onto the disk), while this origin holds only the built renderer folder.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'treasury'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

export type AppFile = { status: 200; file: string } | { status: 400 | 404 }

/** Maps an app:// URL to a file inside `root`: another host, a bad escape or a path leaving the folder is refused. */
export function resolveAppFile(root: string, url: string): AppFile {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 400 }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { status: 404 }
  let relative: string
  try {
    relative = parsed.pathname === '/' ? 'index.html' : decodeURIComponent(parsed.pathname).replace(/^\/+/, '')
  } catch {
    return { status: 400 }
  }
  if (relative.includes('\0')) return { status: 400 }
  const base = normalize(root)
  const file = normalize(join(base, relative))
  if (!file.startsWith(base + sep)) return { status: 404 }
  return { status: 200, file }
}
