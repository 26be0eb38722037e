export * from './usage'
export * from './store'
export * from './review'
