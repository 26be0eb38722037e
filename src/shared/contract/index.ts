import type { z } from 'zod'
import type { Envelope } from '../errors'
import { mergeContracts } from './define'
import { workspaceContract } from './workspace'
import { safeContract } from './safe'
import { auditContract } from './audit'
import { keysContract } from './keys'
import { signingContract } from './signing'

import { governanceContract } from './governance'

import { budgetsContract } from './budgets'
import { grantsContract } from './grants'
import { disbursementsContract } from './disbursements'

import { proposalsContract } from './proposals'
import { addressBookContract } from './addressbook'
import { prefsContract } from './prefs'
import { tokensContract } from './tokens'
import { councilContract } from './council'
import { pricingContract } from './pricing'
import { governanceRisksContract } from './governance-risks'
import { governorContract } from './governor'
import { holderIndexContract } from './holder-index'
import { voteImportContract } from './vote-import'

export const contract = mergeContracts(
  workspaceContract,
  safeContract,
  auditContract,
  keysContract,
  signingContract,
  governanceContract,
  budgetsContract,
  grantsContract,
  disbursementsContract,
  reportsContract,
  proposalsContract,
  addressBookContract,
  prefsContract,
  tokensContract,
  councilContract,
  pricingContract,
  governanceRisksContract,
  holderIndexContract,
  impactContract,
  accountingContract,
  txServiceContract,
  hardwareContract,
  governorContract,
  voteImportContract,
)
import { reportsContract } from './reports'
import { impactContract } from './impact'
import { accountingContract } from './accounting'
import { txServiceContract } from './txservice'
import { hardwareContract } from './hardware'

export type Contract = typeof contract
export type CallName = keyof Contract & string
export type CallInput<N extends CallName> = z.input<Contract[N]['input']>
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>
export type CallOutput<N extends CallName> = NonNullable<Contract[N]['output']>[0]

/** The whole app as the renderer sees it: one async method per call name. */
export type Api = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> }

export const callNames = Object.keys(contract) as CallName[]

export * from './workspace'
export * from './safe'
export * from './audit'
export * from './keys'
export * from './signing'
export * from './governance'
export * from './budgets'
export * from './grants'
export * from './disbursements'
export * from './reports'
export * from './proposals'
export * from './addressbook'
export * from './prefs'
export * from './tokens'
export * from './pricing'
export * from './governance-risks'
export * from './holder-index'
export * from './impact'
export * from './accounting'
export * from './txservice'
export * from './primitives'

/**
 * What the preload exposes as `window.treasury`: the same calls, answering envelopes, because an Error thrown
 * across contextBridge loses its code and details.
 */
export type TreasuryBridge = { [N in CallName]: (input: CallInput<N>) => Promise<Envelope<CallOutput<N>>> }
export * from './safe-tx'
export * from './hardware'
export * from './vote-import'
