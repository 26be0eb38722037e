import type { CallInput } from '../../../../shared/contract'
import { send, type Capability, sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const chainConnect = sender('chain.connect', ['workspace', 'safe', 'chains'])
export const safeAdd = sender('safe.add', ['addressbook', 'workspace', 'chains'])
export const tutorialStart = sender('tutorial.start', ['workspace'])
/** Another workspace: every answer cached so far belonged to the one before. */
const EVERY_CAPABILITY: Capability[] = [
  'workspace',
  'safe',
  'chains',
  'proposals',
  'budgets',
  'grants',
  'disbursements',
  'governance',
  'keys',
  'addressbook',
  'audit',
  'signing',
  'tokens',
]

export const workspacesCreate = (input: CallInput<'workspaces.create'>) =>
  send('workspaces.create', input, EVERY_CAPABILITY)
export const workspacesOpen = (input: CallInput<'workspaces.open'>) => send('workspaces.open', input, EVERY_CAPABILITY)
export const workspacesRename = sender('workspaces.rename', ['workspace'])
export const workspacesDelete = sender('workspaces.delete', ['workspace'])
