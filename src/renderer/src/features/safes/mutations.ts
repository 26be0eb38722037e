import { send, sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const chainConnect = sender('chain.connect', ['workspace', 'safe', 'chains'])
export const safeAdd = sender('safe.add', ['addressbook', 'workspace', 'chains'])
export const safeDeploy = sender('safe.deploy', ['addressbook', 'workspace', 'chains'])

/**
 * Makes a Safe the active one (its chain becomes the active chain), then reloads the app so every page reads the
 * new Safe: proposals, batches and signing go to it. No new workspace.
 */
export async function switchSafe(chainId: number, address: string): Promise<void> {
  await send('safe.select', { chainId, address })
  window.location.reload()
}
