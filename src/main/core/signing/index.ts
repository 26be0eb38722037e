export * from './safe-tx'
