import type { StateCreator } from 'zustand'
import type { AddressBookEntry, SafeSummary } from '../../../shared/contract'
import { call, errorMessage } from '../data/client'
import type { AppState } from '.'

export interface AddressBookSlice {
  addressBook: AddressBookEntry[]
  /** Address → name: the address book, then the workspace's Safes, then the demo signers' own labels. */
  labels: Record<string, string>
  safes: SafeSummary[]
  addressBookError: string | null
  loadAddressBook(): Promise<void>
  setAddressLabel(address: string, label: string): Promise<boolean>
  removeAddressLabel(address: string): Promise<void>
}

function labelMap(entries: AddressBookEntry[], safes: SafeSummary[]): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const s of safes) if (s.label) labels[s.address] = s.label
  for (const e of entries) labels[e.address] = e.label
  return labels
}

export const createAddressBookSlice: StateCreator<AppState, [], [], AddressBookSlice> = (set, get) => ({
  addressBook: [],
  labels: {},
  safes: [],
  addressBookError: null,
  async loadAddressBook() {
    try {
      const [entries, safes] = await Promise.all([call('addressbook.list', {}), call('safe.list', {})])
      set({ addressBook: entries, safes, labels: labelMap(entries, safes), addressBookError: null })
    } catch (error) {
      set({ addressBookError: errorMessage(error) })
    }
  },
  async setAddressLabel(address, label) {
    try {
      await call('addressbook.set', { address, label })
      await get().loadAddressBook()
      return true
    } catch (error) {
      set({ addressBookError: errorMessage(error) })
      return false
    }
  },
  async removeAddressLabel(address) {
    try {
      await call('addressbook.remove', { address })
      await get().loadAddressBook()
    } catch (error) {
      set({ addressBookError: errorMessage(error) })
    }
  },
})
