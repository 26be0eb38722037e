export * from './store'
export * from './rpc'
