// The Transaction Service capability's public face: its page, and the marker the proposal page shows on a
// proposal that came from the service.
export { TxServicePage } from './TxServicePage'
export { PulledMarker, PulledTag } from './PulledMarker'
export { useTxServiceStatus } from './queries'
