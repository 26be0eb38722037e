import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Dispatcher } from '../api'
import type { ApiErrorCode, Envelope } from '../../shared/errors'
import {
  SECURITY_HEADERS,
  allowedHosts,
  allowedOrigins,
  assertLoopback,
  newSessionToken,
  tokenMatches,
} from './security'

export interface BrowserHostOptions {
  api: Dispatcher
  /** Built renderer (out/renderer); omitted for an API-only host. */
  staticDir?: string
  port?: number
  host?: string
  maxBodyBytes?: number
  token?: string
  /**
   * Downloads: maps an export's file name to its path (null when there is no such export). GET
   * /exports/<name> with the session token streams it as an attachment: the browser has no other way to get a file
   * that the main process wrote.
   */
  exportFile?: (name: string) => string | null
  /** Open connections beyond this are closed at once (a page opening thousands cannot exhaust the process). */
  maxConnections?: number
}

export interface BrowserHost {
  url: string
  /** The URL to open: the token travels in the fragment, which browsers never send to a server or a Referer. */
  launchUrl: string
  token: string
  port: number
  server: Server
  close(): Promise<void>
}

export const DEFAULT_MAX_BODY = 4 * 1024 * 1024
/** Far above what one browser tab opens (6 per host) plus the e2e runner; far below the process's file limit. */
export const DEFAULT_MAX_CONNECTIONS = 128

const STATUS: Record<ApiErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  UNKNOWN_CALL: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_CONFIGURED: 409,
  LOCKED: 423,
  CHAIN_ERROR: 502,
  SERVICE_ERROR: 502,
  INTERNAL: 500,
}

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

const DOWNLOAD_MIME: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1'
  assertLoopback(host)
  const token = options.token ?? newSessionToken()
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  let hosts = new Set<string>()
  let origins = new Set<string>()

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The request failed.' } })
      else res.destroy()
    })
  })
  server.headersTimeout = 10_000
  server.requestTimeout = 60_000
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.has(req.headers.host ?? '')) return refuse(res, 421, 'UNAUTHORIZED', 'Unexpected Host header.')
    const origin = req.headers.origin
    if (origin !== undefined && !origins.has(origin)) return refuse(res, 403, 'UNAUTHORIZED', 'Foreign origin.')
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1')
    } catch {
      return refuse(res, 400, 'BAD_INPUT', 'Malformed request target.')
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'BAD_INPUT', 'Use POST.')
      const auth = req.headers.authorization
      const presented = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
      if (!tokenMatches(token, presented)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong session token.')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return refuse(res, 415, 'BAD_INPUT', 'The body must be application/json.')
      }
      const body = await readBody(req, maxBody)
      if (body === null) return refuse(res, 413, 'BAD_INPUT', `The body is larger than ${maxBody} bytes.`)
      let input: unknown
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {}
      } catch {
        return refuse(res, 400, 'BAD_INPUT', 'The body is not valid JSON.')
      }
      const name = decodeOrNull(url.pathname.slice('/api/'.length))
      if (name === null) return refuse(res, 400, 'BAD_INPUT', 'Malformed percent-encoding in the call name.')
      const envelope = await options.api.dispatch(name, input)
      return send(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope)
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'BAD_INPUT', 'Method not allowed.')
    if (url.pathname.startsWith('/exports/')) {
      // Same token as the API: the page fetches with its Authorization header and saves the blob.
      const auth = req.headers.authorization
      const presented = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined
      if (!tokenMatches(token, presented)) return refuse(res, 401, 'UNAUTHORIZED', 'Missing or wrong session token.')
      const name = decodeOrNull(url.pathname.slice('/exports/'.length))
      if (name === null) return refuse(res, 400, 'BAD_INPUT', 'Malformed percent-encoding in the file name.')
      const file = options.exportFile?.(name) ?? null
      if (!file) return refuse(res, 404, 'NOT_FOUND', 'No such export.')
      return serveDownload(file, name, req.method === 'HEAD', res)
    }
    if (!options.staticDir) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
    return serveStatic(options.staticDir, url.pathname, res)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  hosts = allowedHosts(port)
  origins = allowedOrigins(port)
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    launchUrl: `${url}/#token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function refuse(res: ServerResponse, status: number, code: ApiErrorCode, message: string): void {
  send(res, status, { ok: false, error: { code, message } })
}

function send(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope)
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
}

/** Reads at most `limit` bytes; answers null (and stops reading) past it, so a huge body costs us nothing. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        resolve(null)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

async function serveDownload(file: string, name: string, headOnly: boolean, res: ServerResponse): Promise<void> {
  const size = (await stat(file)).size
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': DOWNLOAD_MIME[extname(name)] ?? 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
    'Content-Length': size,
  })
  if (headOnly) return void res.end()
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(file)
    stream.on('error', reject)
    res.on('close', () => {
      stream.destroy()
      resolve()
    })
    stream.pipe(res)
  })
}

/** decodeURIComponent, or null for a malformed escape (`%E0%A4%A`, `%zz`) instead of a URIError (a 500). */
function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}

async function serveStatic(root: string, pathname: string, res: ServerResponse): Promise<void> {
  const decoded = pathname === '/' ? 'index.html' : decodeOrNull(pathname)
  if (decoded === null || decoded.includes('\0')) return refuse(res, 400, 'BAD_INPUT', 'Malformed path.')
  const relative = decoded.replace(/^\/+/, '')
  const file = normalize(join(root, relative))
  if (!file.startsWith(normalize(root) + sep)) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
  let content: Buffer
  let served = file
  try {
    content = await readFile(file)
  } catch {
    // Client-side routes fall back to the app shell; missing assets stay 404.
    if (extname(relative)) return refuse(res, 404, 'NOT_FOUND', 'Not found.')
    served = join(root, 'index.html')
    content = await readFile(served)
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': MIME[extname(served)] ?? 'application/octet-stream',
    'Cache-Control': served.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    'Content-Length': content.length,
  })
  res.end(content)
}
