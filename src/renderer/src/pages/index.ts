import type { ComponentType } from 'react'
import { Dashboard } from './Dashboard'
import { AuditPage } from './AuditPage'
import { ReportsPage } from './ReportsPage'
import { AnalyticsPage } from './AnalyticsPage'

export interface PageEntry {
  id: string
  label: string
  component: ComponentType
}

/** The app's pages, in navigation order. A capability adds its page here, nowhere else. */
export const PAGES: PageEntry[] = [
  { id: 'dashboard', label: 'Dashboard', component: Dashboard },
  { id: 'analytics', label: 'Analytics', component: AnalyticsPage },
  { id: 'audit', label: 'Audit trail', component: AuditPage },
  { id: 'reports', label: 'Reports', component: ReportsPage },
]
