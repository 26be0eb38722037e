import type { Handlers } from './registry'
import { WORKSPACE_USER } from '../core/workspace'
import { ApiError } from '../../shared/errors'
import {
  CsvImportError,
  addressBookCsv,
  applyAddressBookImport,
  listAddressBook,
  parseAddressBookCsv,
  removeAddressLabel,
  setAddressLabel,
} from '../core/safe'
import { activeChain } from './support/active-chain'

export const addressBookHandlers: Handlers<
  'addressbook.list' | 'addressbook.set' | 'addressbook.remove' | 'addressbook.importCsv' | 'addressbook.exportCsv'
> = {
  'addressbook.list': (_input, { ctx }) => listAddressBook(ctx.db, activeChain(ctx).chainId),

  'addressbook.set': ({ address, label }, { ctx }) => {
    const chain = activeChain(ctx)
    return ctx.mutate(
      {
        actor: WORKSPACE_USER,
        action: 'addressbook.set',
        subject: `address:${chain.chainId}:${address}`,
        payload: { label },
      },
      () => setAddressLabel(ctx.db, chain.chainId, address, label),
    )
  },

  'addressbook.remove': ({ address }, { ctx }) => {
    const chain = activeChain(ctx)
    return ctx.mutate(
      { actor: WORKSPACE_USER, action: 'addressbook.removed', subject: `address:${chain.chainId}:${address}` },
      () => ({
        removed: removeAddressLabel(ctx.db, chain.chainId, address),
      }),
    )
  },

  'addressbook.importCsv': ({ csv, dryRun }, { ctx }) => {
    const chain = activeChain(ctx)
    let rows
    try {
      rows = parseAddressBookCsv(csv, chain.chainId)
    } catch (error) {
      if (error instanceof CsvImportError) throw new ApiError('BAD_INPUT', error.message, { problems: error.problems })
      throw error
    }
    if (dryRun) return applyAddressBookImport(ctx.db, rows, false)
    return ctx.mutate(
      (r: ReturnType<typeof applyAddressBookImport>) => ({
        actor: WORKSPACE_USER,
        action: 'addressbook.imported',
        subject: `chain:${chain.chainId}`,
        payload: { added: r.added.length, updated: r.updated.length, unchanged: r.unchanged },
      }),
      () => applyAddressBookImport(ctx.db, rows, true),
    )
  },

  'addressbook.exportCsv': (_input, { ctx }) => {
    const chain = activeChain(ctx)
    return { fileName: `address-book-chain-${chain.chainId}.csv`, csv: addressBookCsv(listAddressBook(ctx.db)) }
  },
}
