import type { CouncilActKind, CouncilActRequest } from '../../../../shared/contract/council'
import { call, useCallMutation } from '../../data'
import { downloadText } from '../../lib/files'

// A council act changes what it decides on: grants, budgets, batches, disputes, and the trail.
const touches = { invalidates: ['grants', 'budgets', 'disbursements', 'governance', 'audit'] } as const

export const useSignAct = () => useCallMutation('council.sign', touches)
export const useImportActSignature = () => useCallMutation('council.importSignature', touches)

export const requestAct = (kind: CouncilActKind, content: unknown) => call('council.request', { kind, content })

export const requestFileName = (request: CouncilActRequest) =>
  `council-${request.kind}-${request.message.subject.replace(/[^A-Za-z0-9-]+/g, '-')}-${request.message.nonce.slice(2, 10)}.json`

/** The offline path: the request as a file for `treasury sign` on another machine; its QR codes to show beside it. */
export async function saveRequestFile(request: CouncilActRequest): Promise<string[]> {
  downloadText(requestFileName(request), JSON.stringify(request, null, 2) + '\n')
  return (await call('council.requestQr', { request })).images
}
