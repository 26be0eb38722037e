import type { ComponentType } from 'react'
import { Dashboard } from './Dashboard'
import { AuditPage } from './AuditPage'
import { SignPage } from './SignPage'
import { SignersPage } from './SignersPage'
import { GovernancePage } from './GovernancePage'
import { BudgetsPage } from './BudgetsPage'
import { GrantsPage } from './GrantsPage'
import { DisbursementsPage } from './DisbursementsPage'
import { ReportsPage } from './ReportsPage'
import { AnalyticsPage } from './AnalyticsPage'
import { HistoryPage, ProposalsPage } from './ProposalsPage'
import { AddressBookPage } from './AddressBookPage'
import { SafesPage } from './SafesPage'
import { RoleHome } from '../homes/RoleHome'

export interface PageEntry {
  id: string
  label: string
  component: ComponentType
}

/** The app's pages, in navigation order. A capability adds its page here, nowhere else. */
export const PAGES: PageEntry[] = [
  { id: 'home', label: 'Home', component: RoleHome },
  { id: 'dashboard', label: 'Dashboard', component: Dashboard },
  { id: 'sign', label: 'Sign', component: SignPage },
  { id: 'signers', label: 'Signers', component: SignersPage },
  { id: 'governance', label: 'Governance', component: GovernancePage },
  { id: 'budgets', label: 'Budgets', component: BudgetsPage },
  { id: 'grants', label: 'Grants', component: GrantsPage },
  { id: 'disbursements', label: 'Disbursements', component: DisbursementsPage },
  { id: 'analytics', label: 'Analytics', component: AnalyticsPage },
  { id: 'proposals', label: 'Proposals', component: ProposalsPage },
  { id: 'history', label: 'History', component: HistoryPage },
  { id: 'safes', label: 'Safes', component: SafesPage },
  { id: 'addressbook', label: 'Address book', component: AddressBookPage },
  { id: 'audit', label: 'Audit trail', component: AuditPage },
  { id: 'reports', label: 'Reports', component: ReportsPage },
]
