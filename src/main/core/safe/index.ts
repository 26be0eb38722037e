export * from './protocol'
export * from './overview'
export * from './store'
