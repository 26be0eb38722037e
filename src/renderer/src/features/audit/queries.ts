import { useCallQuery } from '../../data'

// Reads of this feature: the latest events and the verdict on the whole hash chain.

/** The latest 200 events and how many there are in all. */
export const useAuditEvents = () => useCallQuery('audit.list', { limit: 200 })

/**
 * The chain walked from the first event (costly on a large trail): checked once when the app opens and again when
 * asked (Verify the chain), not on every mount; the shell's banner and the Audit page share the one answer.
 */
export const useAuditVerdict = () => useCallQuery('audit.verify', {}, { staleTime: Infinity })
