import { createDispatcher, type Dispatcher } from './registry'
import type { Services } from './services'
import { workspaceHandlers } from './workspace'
import { safeHandlers } from './safe'
import { auditHandlers } from './audit'
import { keysHandlers } from './keys'
import { signingHandlers } from './signing'
import { governanceHandlers } from './governance'
import { budgetsHandlers } from './budgets'
import { grantsHandlers } from './grants'
import { disbursementsHandlers } from './disbursements'
import { reportsHandlers } from './reports'
import { proposalHandlers } from './proposals'
import { addressBookHandlers } from './addressbook'
import { prefsHandlers } from './prefs'
import { tokensHandlers } from './tokens'
import { councilHandlers } from './council'
import { pricingHandlers } from './pricing'
import { governanceRisksHandlers } from './governance-risks'
import { holderIndexHandlers } from './holder-index'
import { impactHandlers } from './impact'
import { accountingHandlers } from './accounting'
import { txServiceHandlers } from './txservice'
import { hardwareHandlers } from './hardware'
import { governorHandlers } from './governor'
import { voteImportHandlers } from './vote-import'

export type { Services } from './services'
export type { Dispatcher } from './registry'

/** The one place a capability's handlers join the API: add a group here when you add a core folder. */
export const handlerGroups = [
  workspaceHandlers,
  safeHandlers,
  auditHandlers,
  keysHandlers,
  signingHandlers,
  governanceHandlers,
  budgetsHandlers,
  grantsHandlers,
  disbursementsHandlers,
  reportsHandlers,
  proposalHandlers,
  addressBookHandlers,
  prefsHandlers,
  tokensHandlers,
  councilHandlers,
  pricingHandlers,
  governanceRisksHandlers,
  holderIndexHandlers,
  impactHandlers,
  accountingHandlers,
  txServiceHandlers,
  hardwareHandlers,
  governorHandlers,
  voteImportHandlers,
]

export function createApi(services: Services, log?: (line: string) => void): Dispatcher {
  return createDispatcher(services, handlerGroups, log)
}
