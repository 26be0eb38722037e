import type { CallInput } from '../../../../shared/contract'
import { send, sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks the tokens capability's cached answers stale
// (the native currency every amount is printed in among them).

export const addToken = sender('tokens.add')
export const hideToken = sender('tokens.hide')
export const removeToken = sender('tokens.remove')
export const importTokenList = sender('tokens.importList')
export const startDiscovery = (input: CallInput<'tokens.discover'> = {}) => send('tokens.discover', input)
export const stopDiscovery = () => send('tokens.discoverStop', {})
export const setNative = sender('tokens.setNative')
