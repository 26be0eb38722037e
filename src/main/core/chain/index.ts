export * from './store'
export * from './rpc'
export * from './deployments'
