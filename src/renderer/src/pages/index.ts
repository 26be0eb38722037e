import type { ComponentType } from 'react'
import { Dashboard } from './Dashboard'
import { AuditPage } from './AuditPage'
import { HistoryPage, ProposalsPage } from './ProposalsPage'
import { AddressBookPage } from './AddressBookPage'
import { SafesPage } from './SafesPage'

export interface PageEntry {
  id: string
  label: string
  component: ComponentType
}

/** The app's pages, in navigation order. A capability adds its page here, nowhere else. */
export const PAGES: PageEntry[] = [
  { id: 'dashboard', label: 'Dashboard', component: Dashboard },
  { id: 'proposals', label: 'Proposals', component: ProposalsPage },
  { id: 'history', label: 'History', component: HistoryPage },
  { id: 'safes', label: 'Safes', component: SafesPage },
  { id: 'addressbook', label: 'Address book', component: AddressBookPage },
  { id: 'audit', label: 'Audit trail', component: AuditPage },
]
