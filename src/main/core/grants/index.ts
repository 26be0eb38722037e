export * from './scoring'
export * from './store'
