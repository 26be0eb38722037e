import { protocol } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../serve/security'
import { APP_SCHEME, resolveAppFile } from './app-origin'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * Must run before the app is ready: a standard, secure scheme gets an origin, fetch and a secure context.
 * corsEnabled: Vite's bundles load as `<script type="module" crossorigin>`, CORS-mode requests Chromium makes only to
 * CORS-enabled schemes. What it lets others read is the public renderer bundle alone (no other origin can even
 * load in the window).
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ])
}

/** Serves the built renderer on app://treasury with the same security headers as the browser host. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const resolved = resolveAppFile(root, request.url)
    if (resolved.status !== 200) return new Response(null, { status: resolved.status })
    try {
      const body = await readFile(resolved.file)
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': MIME[extname(resolved.file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      })
    } catch {
      return new Response(null, { status: 404 })
    }
  })
}
