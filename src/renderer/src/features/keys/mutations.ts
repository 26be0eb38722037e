import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const keysConfirmMnemonic = (input: CallInput<'keys.confirmMnemonic'>) => send('keys.confirmMnemonic', input)
export const keysCreate = (input: CallInput<'keys.create'>) => send('keys.create', input)
export const keysCreateMnemonic = (input: CallInput<'keys.createMnemonic'>) => send('keys.createMnemonic', input)
export const keysDelete = (input: CallInput<'keys.delete'>) => send('keys.delete', input)
export const keysExport = (input: CallInput<'keys.export'>) => send('keys.export', input)
export const keysImport = (input: CallInput<'keys.import'>) => send('keys.import', input)
export const keysImportSandboxSigners = (input: CallInput<'keys.importSandboxSigners'>) =>
  send('keys.importSandboxSigners', input)
export const keysLock = (input: CallInput<'keys.lock'>) => send('keys.lock', input)
export const keysSetActive = (input: CallInput<'keys.setActive'>) => send('keys.setActive', input)
export const keysSetAutoLock = (input: CallInput<'keys.setAutoLock'>) => send('keys.setAutoLock', input)
export const keysUnlock = (input: CallInput<'keys.unlock'>) => send('keys.unlock', input)
export const keysWatch = (input: CallInput<'keys.watch'>) => send('keys.watch', input)
