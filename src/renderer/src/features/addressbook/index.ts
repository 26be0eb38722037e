// The address book capability's public face.
export { AddressBookPage } from './AddressBookPage'
export { AddressLabel } from './AddressLabel'
export { useLabels } from './queries'
