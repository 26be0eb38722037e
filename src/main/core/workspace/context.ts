import type { Db } from '../db/open'
import { appendAuditEvent, type NewAuditEvent } from '../audit/log'

export type HostKind = 'electron' | 'browser' | 'cli'

/**
 * What every handler gets: the workspace database and the one way to change it. `mutate` runs the change and
 * appends its audit event in one SQLite transaction, so a crash leaves neither half behind.
 */
export interface CoreContext {
  readonly db: Db
  readonly host: HostKind
  readonly appVersion: string
  /** Who is acting: the active unlocked signer's address when there is one, otherwise the local user. */
  actor(): string
  /** Sets where actor() looks first (the key store registers its active signer here); null answers 'local-user'. */
  setActor(resolve: () => string | null): void
  mutate<T>(audit: NewAuditEventInput<T>, change: () => T): T
  /** Long-lived services (the sandbox node, unlocked keys) register their cleanup here. */
  onClose(cleanup: () => void | Promise<void>): void
  close(): Promise<void>
}

export type NewAuditEventInput<T> = Omit<NewAuditEvent, 'actor'> | ((result: T) => Omit<NewAuditEvent, 'actor'>)

export function createContext(db: Db, host: HostKind, appVersion: string): CoreContext {
  const cleanups: Array<() => void | Promise<void>> = []
  let closed = false
  let actorSource: () => string | null = () => null
  const ctx: CoreContext = {
    db,
    host,
    appVersion,
    actor: () => actorSource() ?? 'local-user',
    setActor(resolve) {
      actorSource = resolve
    },
    mutate<T>(audit: NewAuditEventInput<T>, change: () => T): T {
      return db.transaction(() => {
        const result = change()
        const event = typeof audit === 'function' ? audit(result) : audit
        appendAuditEvent(db, { ...event, actor: ctx.actor() })
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
