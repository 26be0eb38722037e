import type { CallInput } from '../../../../shared/contract'
import { callKey, queryClient, send, type Capability, sender } from '../../data'

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
export const tutorialDismiss = sender('tutorial.dismiss')
export const tutorialSeen = sender('tutorial.seen')
/** Imports (or unlocks) the demo signers: every page showing the signers reads them again. */
export const tutorialUseDemoSigners = sender('tutorial.useDemoSigners', ['keys'])

/** Starts the built-in sandbox: its answer is the workspace open now, and every cached answer belonged to before. */
export async function startSandbox(): Promise<void> {
  const info = await send('sandbox.start', {})
  queryClient.setQueryData(callKey('workspace.info', {}), info)
  await queryClient.invalidateQueries()
}
