// The keys capability's public face: the Signers page (add, import, unlock, export signer keys).
export { SignersPage } from './SignersPage'
