import { useCallQuery } from '../../data'

export const useCouncil = () => useCallQuery('council.get', {})
export const usePendingActs = () => useCallQuery('council.acts', { status: 'pending' })
export const useSigners = () => useCallQuery('keys.list', {})

/** The keys unlocked here that belong to council members: the ones that can sign an act in the app. */
export function useCouncilSigners(): { signers: Array<{ address: string; label: string }>; members: string[] } {
  const council = useCouncil()
  const keys = useSigners()
  const members = council.data?.members ?? []
  const signers = (keys.data?.signers ?? [])
    .filter((k) => k.unlocked && members.includes(k.address))
    .map((k) => ({ address: k.address, label: k.label }))
  return { signers, members }
}
