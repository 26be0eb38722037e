import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const signingCreateRequest = (input: CallInput<'signing.createRequest'>) =>
  send('signing.createRequest', input, ['proposals'])
export const signingExportRequest = (input: CallInput<'signing.exportRequest'>) =>
  send('signing.exportRequest', input, ['proposals'])
export const signingExportSignature = (input: CallInput<'signing.exportSignature'>) =>
  send('signing.exportSignature', input, ['proposals'])
export const signingImport = (input: CallInput<'signing.import'>) => send('signing.import', input, ['proposals'])
export const signingImportSignatures = (input: CallInput<'signing.importSignatures'>) =>
  send('signing.importSignatures', input, ['proposals'])
export const signingSign = (input: CallInput<'signing.sign'>) => send('signing.sign', input, ['proposals'])
