import { createDispatcher, type Dispatcher } from './registry'
import type { Services } from './services'
import { workspaceHandlers } from './workspace'
import { safeHandlers } from './safe'
import { auditHandlers } from './audit'
import { proposalHandlers } from './proposals'
import { addressBookHandlers } from './addressbook'

export type { Services } from './services'
export type { Dispatcher } from './registry'

/** The one place a capability's handlers join the API: add a group here when you add a core folder. */
export function createApi(services: Services, log?: (line: string) => void): Dispatcher {
  return createDispatcher(
    services,
    [workspaceHandlers, safeHandlers, auditHandlers, proposalHandlers, addressBookHandlers],
    log,
  )
}
