import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import { errorMessage } from './client'

/** An error as the UI shows it: the API's own message, its code (for the next-step hint) and details. */
export interface ShownError {
  message: string
  code?: ApiErrorCode
  details?: unknown
}

/** Keeps what a thrown error says and, for an API error, its code and details. */
export function errorInfo(e: unknown): ShownError {
  return e instanceof ApiError ? { message: e.message, code: e.code, details: e.details } : { message: errorMessage(e) }
}
