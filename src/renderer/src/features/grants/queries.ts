import { useCallQuery } from '../../data'

export const useGrantPrograms = () => useCallQuery('grants.listPrograms', {})
export const useGrants = () => useCallQuery('grants.list', {})
export const useGrant = (grantId: number | null) =>
  useCallQuery('grants.get', { grantId: grantId ?? 0 }, { enabled: grantId !== null })
