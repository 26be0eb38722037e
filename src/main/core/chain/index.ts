export * from './store'
export * from './rpc'
export * from './timeout'
export * from './deployments'
