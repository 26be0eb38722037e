import type { CallInput } from '../../../../shared/contract'
import { send, useCallMutation } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const addressbookExportCsv = (input: CallInput<'addressbook.exportCsv'>) =>
  send('addressbook.exportCsv', input, ['safe'])
export const addressbookImportCsv = (input: CallInput<'addressbook.importCsv'>) =>
  send('addressbook.importCsv', input, ['safe'])
export const useSetLabel = () => useCallMutation('addressbook.set')
export const removeLabel = (address: string) => send('addressbook.remove', { address })
