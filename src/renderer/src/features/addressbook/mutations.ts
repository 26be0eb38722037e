import { send, useCallMutation, sender } from '../../data'

// Writes of this feature as plain functions over send(): each marks its capability's cached answers stale.

export const addressbookExportCsv = sender('addressbook.exportCsv', ['safe'])
export const addressbookImportCsv = sender('addressbook.importCsv', ['safe'])
export const useSetLabel = () => useCallMutation('addressbook.set')
export const removeLabel = (address: string) => send('addressbook.remove', { address })
