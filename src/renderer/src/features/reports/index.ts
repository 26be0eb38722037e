// The reports capability's public face.
export { ReportsPage } from './ReportsPage'
