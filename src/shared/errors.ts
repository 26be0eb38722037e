/** Error codes every adapter (IPC, HTTP, CLI) returns unchanged; the renderer branches on `code`, never on text. */
export type ApiErrorCode =
  | 'BAD_INPUT'
  | 'UNKNOWN_CALL'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LOCKED'
  | 'UNAUTHORIZED'
  | 'CHAIN_ERROR'
  /** The Safe Transaction Service (not the chain) failed to answer or answered garbage. */
  | 'SERVICE_ERROR'
  | 'NOT_CONFIGURED'
  | 'INTERNAL'

export interface ApiErrorShape {
  code: ApiErrorCode
  message: string
  details?: unknown
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode
  readonly details?: unknown
  constructor(code: ApiErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
  toJSON(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

/** What crosses an adapter boundary: never a thrown object, so structure survives IPC and HTTP alike. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape }
