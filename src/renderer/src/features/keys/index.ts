// The keys capability's public face: the Signers page (add, import, unlock, export signer keys), and the signers
// other pages offer to sign or pay with.
export { SignersPage } from './SignersPage'
export { useKeys } from './queries'
