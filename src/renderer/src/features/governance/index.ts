// The governance capability's public face.
export { GovernancePage } from './GovernancePage'
