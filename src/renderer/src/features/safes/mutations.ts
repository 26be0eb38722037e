import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const chainConnect = (input: CallInput<'chain.connect'>) =>
  send('chain.connect', input, ['workspace', 'safe', 'chains'])
export const safeAdd = (input: CallInput<'safe.add'>) => send('safe.add', input, ['addressbook', 'workspace', 'chains'])
export const safeDeploy = (input: CallInput<'safe.deploy'>) =>
  send('safe.deploy', input, ['addressbook', 'workspace', 'chains'])

/**
 * Makes a Safe the active one (its chain becomes the active chain), then reloads the app so every page reads the
 * new Safe: proposals, batches and signing go to it. No new workspace.
 */
export async function switchSafe(chainId: number, address: string): Promise<void> {
  await send('safe.select', { chainId, address })
  window.location.reload()
}
