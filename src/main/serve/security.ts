import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 bits from the OS CSPRNG, new at every start: a page that cannot read our URL cannot call the API. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Constant-time comparison; hashing first makes both sides the same length so length leaks nothing either. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false
  const a = createHash('sha256').update(expected).digest()
  const b = createHash('sha256').update(presented).digest()
  return timingSafeEqual(a, b)
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost'])

export function assertLoopback(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`The browser host only listens on loopback (127.0.0.1); refusing to bind to "${host}".`)
  }
}

/**
 * Host names a request may carry. Checking Host defeats DNS rebinding: a hostile site that points its own name
 * at 127.0.0.1 still sends its own name in Host.
 */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((h) => `http://${h}`))
}

/** The renderer needs no inline script, no eval and no third-party origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
}
