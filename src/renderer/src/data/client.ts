import type { CallInput, CallName, CallOutput } from '../../../shared/contract'
import { ApiError, type Envelope } from '../../../shared/errors'
import { downloadBlob } from '../lib/files'

type Transport = (name: CallName, input: unknown) => Promise<Envelope<unknown>>

const TOKEN_KEY = 'treasury.sessionToken'

/** The browser host hands its session token in the URL fragment; keep it for this tab only and clear the URL. */
function sessionToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1])
    history.replaceState(null, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

function ipcTransport(): Transport | null {
  const bridge = window.treasury
  if (!bridge) return null
  return (name, input) => (bridge[name] as (i: unknown) => Promise<Envelope<unknown>>)(input)
}

function httpTransport(): Transport {
  const token = sessionToken()
  return async (name, input) => {
    let response: Response
    try {
      response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      })
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The treasury host is not reachable. Is `npm run serve` still running?' },
      }
    }
    try {
      return (await response.json()) as Envelope<unknown>
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `The treasury host answered ${response.status} without a valid body.` },
      }
    }
  }
}

const transport: Transport = ipcTransport() ?? httpTransport()

/** True in the browser host, where files written by the main process are fetched over HTTP to be saved. */
export const canDownload = !window.treasury

/**
 * Saves an export from the workspace's exports folder through the browser: fetched with the session token (the
 * download route checks it like the API), then handed to the browser's own download as a blob.
 */
export async function downloadExport(name: string): Promise<void> {
  const response = await fetch(`/exports/${encodeURIComponent(name)}`, {
    headers: { authorization: `Bearer ${sessionToken()}` },
  })
  if (!response.ok) throw new ApiError('NOT_FOUND', `The export ${name} could not be downloaded (${response.status}).`)
  downloadBlob(name, await response.blob())
}

/** The one code path above the transport: IPC in Electron, HTTP in the browser. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const envelope = await transport(name, input)
  if (envelope.ok) return envelope.value as CallOutput<N>
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.details)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
