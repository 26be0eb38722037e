import { usePulledRecord } from './queries'

/** "From Safe Transaction Service" on a proposal that came into the queue from there. */
export function PulledMarker({ proposalId }: { proposalId: number }) {
  const pulled = usePulledRecord(proposalId)
  if (!pulled) return null
  return (
    <p className="muted small" data-testid="from-txservice">
      From the Safe Transaction Service{pulled.origin ? ` (origin: ${pulled.origin})` : ''}, pulled{' '}
      {new Date(pulled.pulledAt).toLocaleString()}: its hash and every signature were checked here.
    </p>
  )
}

/** The queue row's short form of the marker. */
export function PulledTag({ proposalId }: { proposalId: number }) {
  const pulled = usePulledRecord(proposalId)
  return pulled ? <span data-testid="from-txservice-tag"> · from Safe Transaction Service</span> : null
}
