// The grants capability's public face.
export { GrantsPage } from './GrantsPage'
