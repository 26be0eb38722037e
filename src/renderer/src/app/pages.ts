import { lazy, type ComponentType } from 'react'
import { Dashboard } from '../features/safes'
import { RoleHome } from './homes/RoleHome'

/** Pages other than the two a start opens on load on first visit: the first paint does not wait for their code. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(() => load().then((m): { default: ComponentType } => ({ default: m[name] })))
}
const AuditPage = page(() => import('../features/audit'), 'AuditPage')
const SignPage = page(() => import('../features/signing'), 'SignPage')
const SignersPage = page(() => import('../features/keys'), 'SignersPage')
const GovernancePage = page(() => import('../features/governance'), 'GovernancePage')
const BudgetsPage = page(() => import('../features/budgets'), 'BudgetsPage')
const GrantsPage = page(() => import('../features/grants'), 'GrantsPage')
const DisbursementsPage = page(() => import('../features/disbursements'), 'DisbursementsPage')
const ReportsPage = page(() => import('../features/reports'), 'ReportsPage')
const AnalyticsPage = page(() => import('../features/analytics'), 'AnalyticsPage')
const ImpactPage = page(() => import('../features/impact'), 'ImpactPage')
const HistoryPage = page(() => import('../features/proposals'), 'HistoryPage')
const ProposalsPage = page(() => import('../features/proposals'), 'ProposalsPage')
const AddressBookPage = page(() => import('../features/addressbook'), 'AddressBookPage')
const SafesPage = page(() => import('../features/safes'), 'SafesPage')
const TokensPage = page(() => import('../features/tokens'), 'TokensPage')
const PricingPage = page(() => import('../features/pricing'), 'PricingPage')
const TxServicePage = page(() => import('../features/txservice'), 'TxServicePage')
const HardwarePage = page(() => import('../features/hardware'), 'HardwarePage')

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
  { id: 'hardware', label: 'Hardware signers', component: HardwarePage },
  { id: 'governance', label: 'Governance', component: GovernancePage },
  { id: 'budgets', label: 'Budgets', component: BudgetsPage },
  { id: 'grants', label: 'Grants', component: GrantsPage },
  { id: 'disbursements', label: 'Disbursements', component: DisbursementsPage },
  { id: 'analytics', label: 'Analytics', component: AnalyticsPage },
  { id: 'impact', label: 'Decision impact', component: ImpactPage },
  { id: 'proposals', label: 'Proposals', component: ProposalsPage },
  { id: 'history', label: 'History', component: HistoryPage },
  { id: 'safes', label: 'Safes', component: SafesPage },
  { id: 'tokens', label: 'Tokens', component: TokensPage },
  { id: 'prices', label: 'Prices', component: PricingPage },
  { id: 'addressbook', label: 'Address book', component: AddressBookPage },
  { id: 'txservice', label: 'Transaction Service', component: TxServicePage },
  { id: 'audit', label: 'Audit trail', component: AuditPage },
  { id: 'reports', label: 'Reports', component: ReportsPage },
]
