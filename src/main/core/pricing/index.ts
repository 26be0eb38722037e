// Values in a reporting currency (issue 17): the workspace's currency, imported price CSVs, Chainlink-style feeds
// read at a transfer's block, and valueAt, which joins them and says "no price" rather than 0.
export * from './currency'
export * from './decimal'
export * from './csv'
export * from './feed'
export * from './store'
export * from './tokens'
export * from './value'
export * from './service'
export * from './totals'
