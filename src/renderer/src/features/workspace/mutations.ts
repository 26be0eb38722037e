import type { CallInput } from '../../../../shared/contract'
import { send, type Capability } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const chainConnect = (input: CallInput<'chain.connect'>) =>
  send('chain.connect', input, ['workspace', 'safe', 'chains'])
export const safeAdd = (input: CallInput<'safe.add'>) => send('safe.add', input, ['addressbook', 'workspace', 'chains'])
export const tutorialStart = (input: CallInput<'tutorial.start'>) => send('tutorial.start', input, ['workspace'])
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
export const workspacesRename = (input: CallInput<'workspaces.rename'>) =>
  send('workspaces.rename', input, ['workspace'])
export const workspacesDelete = (input: CallInput<'workspaces.delete'>) =>
  send('workspaces.delete', input, ['workspace'])
