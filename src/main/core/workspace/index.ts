export * from './context'
