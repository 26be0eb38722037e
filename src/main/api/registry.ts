import { z } from 'zod'
import { contract, type CallName, type CallOutput, type ParsedInput } from '../../shared/contract'
import { ApiError, type Envelope } from '../../shared/errors'
import type { Services } from './services'

export type Handler<N extends CallName> = (
  input: ParsedInput<N>,
  services: Services,
) => Promise<CallOutput<N>> | CallOutput<N>
export type Handlers<N extends CallName> = { [K in N]: Handler<K> }

export interface Dispatcher {
  readonly names: readonly CallName[]
  dispatch(name: string, input: unknown): Promise<Envelope<unknown>>
}

/**
 * Joins the capability handler groups into one dispatcher. A name registered twice, or a call in the contract
 * with no handler, throws at start: the app never boots with a hole or an ambiguity in its API.
 */
export function createDispatcher(
  services: Services,
  groups: Array<Partial<Handlers<CallName>>>,
  log = defaultLog,
): Dispatcher {
  const table = new Map<string, Handler<CallName>>()
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (table.has(name)) throw new Error(`API call "${name}" is registered twice`)
      if (!(name in contract)) throw new Error(`API call "${name}" has a handler but is not in the contract`)
      table.set(name, handler as Handler<CallName>)
    }
  }
  const missing = Object.keys(contract).filter((name) => !table.has(name))
  if (missing.length) throw new Error(`API calls without a handler: ${missing.join(', ')}`)

  return {
    names: Object.keys(contract) as CallName[],
    async dispatch(name, rawInput) {
      const handler = Object.hasOwn(contract, name) ? table.get(name) : undefined
      if (!handler)
        return fail(new ApiError('UNKNOWN_CALL', `There is no API call named "${String(name).slice(0, 80)}".`))
      const spec = contract[name as CallName]
      let parsed: ReturnType<typeof spec.input.safeParse>
      try {
        parsed = spec.input.safeParse(rawInput ?? {})
      } catch {
        // zod runs a length check even on a non-string with a `length` it cannot compare (fuzzing found
        // `{"length": {}}` where a string belongs): whatever the schema cannot read is bad input, not a crash.
        return fail(new ApiError('BAD_INPUT', `Invalid input for ${name}: a field has a value of the wrong kind.`))
      }
      if (!parsed.success) {
        return fail(
          new ApiError('BAD_INPUT', `Invalid input for ${name}: ${summarise(parsed.error)}`, {
            issues: issues(parsed.error),
          }),
        )
      }
      try {
        const value = await handler(parsed.data as never, services)
        return { ok: true, value }
      } catch (error) {
        if (error instanceof ApiError) return fail(error)
        // Unexpected failures are logged by name only; the message may hold data we must not echo (and a stack never leaves).
        log(
          `API ${name} failed: ${error instanceof Error ? error.name + ': ' + error.message.slice(0, 300) : 'non-error thrown'}`,
        )
        return fail(
          new ApiError('INTERNAL', `${name} failed unexpectedly. The workspace was not changed by the failed step.`),
        )
      }
    },
  }
}

function fail(error: ApiError): Envelope<never> {
  return { ok: false, error: error.toJSON() }
}

function issues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }))
}

function summarise(error: z.ZodError): string {
  const first = issues(error)
  const text = first
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ')
  return first.length > 3 ? `${text}; and ${error.issues.length - 3} more` : text
}

function defaultLog(line: string): void {
  console.error(line)
}
