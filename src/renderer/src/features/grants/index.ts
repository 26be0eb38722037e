// The grants capability's public face.
export { GrantsPage } from './GrantsPage'
export { useGrants } from './queries'
export { useGrantsView } from './state'
