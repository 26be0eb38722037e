import { ApiError, type ApiErrorCode } from '../../../shared/errors'
import { errorMessage } from './client'
import { humanIssues } from './messages'

/** An error as the UI shows it: the API's own message, its code (for the next-step hint) and details. */
export interface ShownError {
  message: string
  code?: ApiErrorCode
  details?: unknown
}

/**
 * Keeps what a thrown error says and, for an API error, its code and details. A BAD_INPUT names its fields in words
 * a user reads instead of the schema's paths.
 */
export function errorInfo(e: unknown): ShownError {
  if (!(e instanceof ApiError)) return { message: errorMessage(e) }
  const human = e.code === 'BAD_INPUT' ? humanIssues(e.details) : null
  return { message: human ?? e.message, code: e.code, details: e.details }
}
