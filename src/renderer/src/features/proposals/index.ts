// The proposals capability's public face.
export { ProposalsPage, HistoryPage } from './ProposalsPage'
