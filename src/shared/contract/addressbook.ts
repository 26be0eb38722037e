import { z } from 'zod'
import { call } from './define'
import { address } from './primitives'

export interface AddressBookEntry {
  chainId: number
  address: string
  label: string
  updatedAt: string
}

export interface AddressBookImport {
  added: AddressBookEntry[]
  updated: Array<AddressBookEntry & { previous: string }>
  unchanged: number
  /** True when nothing was written (dry run). */
  dryRun: boolean
}

export const addressLabel = z
  .string()
  .trim()
  .min(1, 'a label is required')
  .max(80, 'a label is at most 80 characters')
  .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), 'a label cannot contain control characters')

export const addressBookContract = {
  /** Entries of the active chain; Safe owners and workspace Safes are named from here wherever an address shows. */
  'addressbook.list': call<AddressBookEntry[]>()(z.object({}).strict()),
  'addressbook.set': call<AddressBookEntry>()(z.object({ address, label: addressLabel }).strict()),
  'addressbook.remove': call<{ removed: boolean }>()(z.object({ address }).strict()),
  /** Safe{Wallet}'s CSV (`address,name,chainId`); every row is checked before anything is written. */
  'addressbook.importCsv': call<AddressBookImport>()(
    z.object({ csv: z.string().max(2_000_000), dryRun: z.boolean().optional() }).strict(),
  ),
  'addressbook.exportCsv': call<{ fileName: string; csv: string }>()(z.object({}).strict()),
}
