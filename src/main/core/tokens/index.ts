// Tokens per chain (issue 15): the registry, ERC-20 reads, token lists, discovery from Transfer logs, balances
// through Multicall3, the native currency of each chain, and ERC-20 transfers found in any call's data.
export * from './registry'
export * from './erc20'
export * from './token-list'
export * from './log-ranges'
export * from './discover'
export * from './balances'
export * from './native'
export * from './transfer-call'
export * from './service'
