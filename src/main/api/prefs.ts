import { dirname } from 'node:path'
import type { Handlers } from './registry'
import type { Services } from './services'
import { createPrefs, type PrefsStore } from '../core/prefs'
import { networkStatus } from '../core/network'

const fallbacks = new WeakMap<Services, PrefsStore>()

/** The store boot wires in the data folder; a harness without one keeps preferences beside the database. */
function prefsOf(services: Services): PrefsStore {
  if (services.prefs) return services.prefs
  let store = fallbacks.get(services)
  if (!store) {
    const { db } = services.ctx
    store = createPrefs(db.memory || db.name === ':memory:' ? null : dirname(db.name))
    fallbacks.set(services, store)
  }
  return store
}

export const prefsHandlers: Handlers<'prefs.get' | 'prefs.set' | 'network.status'> = {
  'prefs.get': (_input, services) => prefsOf(services).read(),
  'prefs.set': (patch, services) => prefsOf(services).update(patch),
  'network.status': (_input, { ctx }) => networkStatus(ctx.db),
}
