import { sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const keysConfirmMnemonic = sender('keys.confirmMnemonic')
export const keysCreate = sender('keys.create')
export const keysCreateMnemonic = sender('keys.createMnemonic')
export const keysDelete = sender('keys.delete')
export const keysExport = sender('keys.export')
export const keysImport = sender('keys.import')
export const keysImportSandboxSigners = sender('keys.importSandboxSigners')
export const keysLock = sender('keys.lock')
export const keysSetActive = sender('keys.setActive')
export const keysSetAutoLock = sender('keys.setAutoLock')
export const keysUnlock = sender('keys.unlock')
export const keysWatch = sender('keys.watch')
