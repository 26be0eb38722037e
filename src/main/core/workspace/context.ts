import type { Db } from '../db/open'
import { appendAuditEvent, type NewAuditEvent } from '../audit/log'

/**
 * The actor of an act that no key or member performs (settings, imports, exports, sync): the person at this
 * workspace. An act a key or member performs names that address instead, never this.
 */
export const WORKSPACE_USER = 'local-user'

export type HostKind = 'electron' | 'browser' | 'cli'

/**
 * What every handler gets: the workspace database and the one way to change it. `mutate` runs the change and
 * appends its audit event in one SQLite transaction, so a crash leaves neither half behind.
 */
export interface CoreContext {
  readonly db: Db
  readonly host: HostKind
  readonly appVersion: string
  mutate<T>(audit: NewAuditEventInput<T>, change: () => T): T
  /** Long-lived services (the sandbox node, unlocked keys) register their cleanup here. */
  onClose(cleanup: () => void | Promise<void>): void
  close(): Promise<void>
}

/**
 * The audit event of a change. Its `actor` is required and never filled in for the caller: the key that signed,
 * the key that paid for an execution, the member whose signature carries an act, or WORKSPACE_USER for an act
 * nobody in particular performs. (An "active key" default once credited one owner's acts to another.)
 */
export type NewAuditEventInput<T> = NewAuditEvent | ((result: T) => NewAuditEvent)

export function createContext(db: Db, host: HostKind, appVersion: string): CoreContext {
  const cleanups: Array<() => void | Promise<void>> = []
  let closed = false
  const ctx: CoreContext = {
    db,
    host,
    appVersion,
    mutate<T>(audit: NewAuditEventInput<T>, change: () => T): T {
      return db.transaction(() => {
        const result = change()
        const event = typeof audit === 'function' ? audit(result) : audit
        appendAuditEvent(db, event)
        return result
      })()
    },
    onClose(cleanup) {
      cleanups.push(cleanup)
    },
    async close() {
      if (closed) return
      closed = true
      for (const cleanup of cleanups.reverse()) await cleanup()
      db.close()
    },
  }
  return ctx
}
