import { useCallQuery } from '../../data'

// Reads of this feature: the service settings per chain, the outbox, refusals and what was pulled. Polled: the
// outbox is posted in the background, so its rows move without anyone acting here.

export const useTxServiceStatus = (chainId?: number) =>
  useCallQuery('txservice.status', { chainId }, { refetchInterval: 5_000 })

/** Whether a proposal came into the queue from the Safe Transaction Service (and its origin as the service says). */
export function usePulledRecord(proposalId: number) {
  const { data } = useTxServiceStatus()
  return data?.pulled.find((p) => p.proposalId === proposalId) ?? null
}
