import type { ApiErrorCode } from '../../../shared/errors'
import type { ShownError } from '../data/errors'

/** What to do next, per API error code: the message says what happened, the hint what the user can do about it. */
export const ERROR_HINTS: Record<ApiErrorCode, string> = {
  BAD_INPUT: 'Correct the field named above and try again; nothing was saved.',
  UNKNOWN_CALL: 'This app and its host are different versions: restart the app.',
  NOT_FOUND: 'It may have been removed or belong to another workspace: refresh the page and pick it again.',
  CONFLICT: 'Someone or something changed it first: refresh to see the current state, then try again.',
  LOCKED: 'Unlock a signer key on the Signers page, then try again.',
  UNAUTHORIZED:
    'Not allowed: a council act needs a valid signature by a council member (see the reason above); otherwise the session has ended: reopen the app from the link the host printed.',
  CHAIN_ERROR:
    'The chain did not answer as expected: check the network connection and the RPC URL, then retry. Nothing was sent.',
  SERVICE_ERROR:
    'The Safe Transaction Service did not answer as expected: check its URL and API key under Transaction Service, then retry. Nothing here was changed, and signatures waiting to be posted stay queued.',
  NOT_CONFIGURED: 'Connect a chain and a Safe first (Dashboard), or start the sandbox.',
  INTERNAL: 'Retry once; if it happens again, note the time and report it with the audit trail export.',
}

/** An error that says what happened (the API's message, unchanged) and, below it, what to do next. */
export function ErrorNote({
  error,
  testId,
  className = 'error',
}: {
  error: ShownError | string | null | undefined
  testId?: string
  className?: string
}) {
  if (!error) return null
  const shown = typeof error === 'string' ? { message: error } : error
  const hint = shown.code ? ERROR_HINTS[shown.code] : undefined
  return (
    <div role="alert" className={className} data-testid={testId}>
      <p className="error-message">{shown.message}</p>
      {hint && <p className="error-hint">What to do: {hint}</p>}
    </div>
  )
}
