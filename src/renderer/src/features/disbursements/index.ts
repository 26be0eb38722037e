// The disbursements capability's public face.
export { DisbursementsPage } from './DisbursementsPage'
export { useBatches } from './queries'
