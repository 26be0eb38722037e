import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature over send(): each marks the txservice answers stale; a pull and a post also change the
// proposal queue (proposals pulled, signatures added), so its answers are marked stale too.

export const configureService = (input: CallInput<'txservice.configure'>) => send('txservice.configure', input)
export const disableService = (input: CallInput<'txservice.disable'>) => send('txservice.disable', input)
export const pullService = (input: CallInput<'txservice.pull'> = {}) => send('txservice.pull', input, ['proposals'])
export const pushService = (input: CallInput<'txservice.push'> = {}) => send('txservice.push', input, ['proposals'])
export const retryOutboxItem = (id: number) => send('txservice.retry', { id })
export const cancelOutboxItem = (id: number) => send('txservice.cancel', { id })
