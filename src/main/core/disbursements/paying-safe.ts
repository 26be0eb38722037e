import type { Db } from '../db/open'
import { ApiError } from '../../../shared/errors'
import { getSafe, listSafes } from '../safe/store'

/** The Safe a batch pays from: the one named (it must be in the workspace), or the workspace's first. */
export function resolveSafe(db: Db, chainId: number, address?: string): string {
  if (address) {
    if (!getSafe(db, chainId, address)) throw new ApiError('NOT_FOUND', `Safe ${address} is not in this workspace.`)
    return address
  }
  const first = listSafes(db, chainId)[0]
  if (!first) throw new ApiError('NOT_CONFIGURED', 'This workspace has no Safe yet. Add one by address.')
  return first.address
}
