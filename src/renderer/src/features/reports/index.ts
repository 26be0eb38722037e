// The reports capability's public face.
export { ReportsPage } from './ReportsPage'
export { QuickExports } from './QuickExports'
