export * from './sync'
export * from './metrics'
export { votesOfAt, getHolderIndex, type HolderIndexRow } from './store'
