// The safes capability's public face: the Dashboard (the Safe's overview), the Safes page, and how a row names its
// chain and Safe.
export { Dashboard } from './Dashboard'
export { SafesPage } from './SafesPage'
export { SafeSwitcher } from './SafeSwitcher'
export { SafeOnChain, SafeOnChainCell, ChainName } from './SafeOnChain'
export { useAllSafes, useChainName, useSafeOverview, useSafes } from './queries'
