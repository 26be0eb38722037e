import { sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const signingCreateRequest = sender('signing.createRequest', ['proposals'])
export const signingExportRequest = sender('signing.exportRequest', ['proposals'])
export const signingExportSignature = sender('signing.exportSignature', ['proposals'])
export const signingImport = sender('signing.import', ['proposals'])
export const signingImportSignatures = sender('signing.importSignatures', ['proposals'])
export const signingSign = sender('signing.sign', ['proposals'])
