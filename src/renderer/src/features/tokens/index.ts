// The tokens capability's public face: the Tokens page, a Safe's balances card, and the native-currency hook every
// amount of the chain's coin is printed with.
export { TokensPage } from './TokensPage'
export { SafeBalancesCard } from './SafeBalancesCard'
export { useNative, useTokenRegistry } from './queries'
export { NativeCurrencyCard } from './NativeCurrencyCard'
