import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature as plain functions over send(): each marks the tokens capability's cached answers stale
// (the native currency every amount is printed in among them).

export const addToken = (input: CallInput<'tokens.add'>) => send('tokens.add', input)
export const hideToken = (input: CallInput<'tokens.hide'>) => send('tokens.hide', input)
export const removeToken = (input: CallInput<'tokens.remove'>) => send('tokens.remove', input)
export const importTokenList = (input: CallInput<'tokens.importList'>) => send('tokens.importList', input)
export const startDiscovery = (input: CallInput<'tokens.discover'> = {}) => send('tokens.discover', input)
export const stopDiscovery = () => send('tokens.discoverStop', {})
export const setNative = (input: CallInput<'tokens.setNative'>) => send('tokens.setNative', input)
