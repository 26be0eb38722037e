import type { Handlers } from './registry'
import type { HardwareSignerInfo, SigningRequestDoc } from '../../shared/contract'
import type { CoreContext } from '../core/workspace'
import type { SafeState, StoredRequest } from '../core/signing'
import { getSigner } from '../core/keys'
import {
  createQrRequest,
  safeTxToSign,
  ledgerAccounts,
  listHardwareSigners,
  openNodeHidLedger,
  pairLedgerSigner,
  pairQrSigner,
  previewPairing,
  type HardwareSigner,
} from '../core/hardware'
import { checkSigningRequest, getSigningRequest, requestView } from '../core/signing'
import { proposalSigningRequest, proposalByHash } from '../core/proposals'
import {
  councilActToSign,
  importCouncilQrSignature,
  importQrSignature,
  signCouncilActWithLedger,
  signWithLedger,
} from '../core/workflows/hardware-signatures'
import { hardwareVote, importVoteQrSignature, signVoteWithLedger, voteToSign } from '../core/workflows/hardware-votes'
import { ApiError } from '../../shared/errors'

function info(ctx: CoreContext, s: HardwareSigner): HardwareSignerInfo {
  return { ...s, label: getSigner(ctx.db, s.address)?.label ?? s.address }
}

/** The transaction a device signs: a proposal's (its request made if needed) or a stored signing request. */
function targetDoc(ctx: CoreContext, t: { safeTxHash?: string; proposalId?: number }): SigningRequestDoc {
  if (t.proposalId !== undefined) return proposalSigningRequest(ctx, t.proposalId)
  const found = getSigningRequest(ctx.db, t.safeTxHash!)
  if (!found) throw new ApiError('NOT_FOUND', `No signing request ${t.safeTxHash} in this workspace.`)
  return checkSigningRequest(found.doc)
}

function signed(ctx: CoreContext, r: { found: StoredRequest; state: SafeState; signer: string }) {
  const doc = r.found.doc
  const proposal = proposalByHash(ctx.db, doc.chainId, doc.safe, doc.safeTxHash)
  return { view: requestView(ctx.db, r.found, r.state), signer: r.signer, proposalId: proposal?.id ?? null }
}

const hashesOf = (w: { digest: string; domainHash: string; messageHash: string }) => ({
  digest: w.digest,
  domainHash: w.domainHash,
  messageHash: w.messageHash,
})

export const hardwareHandlers: Handlers<
  | 'hardware.list'
  | 'hardware.readPairing'
  | 'hardware.pairQr'
  | 'hardware.qrRequest'
  | 'hardware.qrImportSignature'
  | 'hardware.deviceHashes'
  | 'hardware.ledgerAccounts'
  | 'hardware.pairLedger'
  | 'hardware.ledgerSign'
  | 'hardware.councilQrRequest'
  | 'hardware.councilQrImport'
  | 'hardware.councilDeviceHashes'
  | 'hardware.councilLedgerSign'
  | 'hardware.voteQrRequest'
  | 'hardware.voteQrImport'
  | 'hardware.voteDeviceHashes'
  | 'hardware.voteLedgerSign'
> = {
  'hardware.list': (_input, { ctx }) => listHardwareSigners(ctx.db).map((s) => info(ctx, s)),

  'hardware.readPairing': ({ parts }, { ctx }) => {
    const code = previewPairing(ctx, parts)
    return {
      device: code.device,
      sourceFingerprint: code.sourceFingerprint,
      accounts: code.accounts.map((a) => ({ ...a, known: code.known.includes(a.address) })),
    }
  },

  'hardware.pairQr': (input, { ctx }) => info(ctx, pairQrSigner(ctx, input)),

  'hardware.qrRequest': ({ signer, ...target }, { ctx }) =>
    createQrRequest(ctx, safeTxToSign(targetDoc(ctx, target)), signer),

  'hardware.qrImportSignature': async ({ parts }, { ctx }) => {
    const result = await importQrSignature(ctx, parts)
    return { ...signed(ctx, result), requestId: result.requestId }
  },

  'hardware.deviceHashes': (target, { ctx }) => hashesOf(safeTxToSign(targetDoc(ctx, target))),

  'hardware.ledgerAccounts': ({ layout, start }, { ctx, ledger }) =>
    ledgerAccounts(ctx, ledger ?? openNodeHidLedger, layout, start),

  'hardware.pairLedger': async (input, { ctx, ledger }) =>
    info(ctx, await pairLedgerSigner(ctx, ledger ?? openNodeHidLedger, input)),

  'hardware.ledgerSign': async ({ signer, ...target }, { ctx, ledger }) =>
    signed(ctx, await signWithLedger(ctx, ledger ?? openNodeHidLedger, targetDoc(ctx, target), signer)),

  'hardware.councilQrRequest': ({ request, signer }, { ctx }) =>
    createQrRequest(ctx, councilActToSign(request), signer),

  'hardware.councilQrImport': ({ request, parts }, { ctx }) => importCouncilQrSignature(ctx, request, parts),

  'hardware.councilDeviceHashes': ({ request }) => hashesOf(councilActToSign(request)),

  'hardware.councilLedgerSign': ({ request, signer }, { ctx, ledger }) =>
    signCouncilActWithLedger(ctx, ledger ?? openNodeHidLedger, request, signer),

  'hardware.voteQrRequest': async (choice, { ctx }) => {
    const vote = hardwareVote(choice)
    return { ...(await createQrRequest(ctx, voteToSign(ctx, vote), vote.voter)), vote }
  },

  'hardware.voteQrImport': ({ vote, parts }, { ctx }) => importVoteQrSignature(ctx, vote, parts),

  'hardware.voteDeviceHashes': (choice, { ctx }) => {
    const vote = hardwareVote(choice)
    return { ...hashesOf(voteToSign(ctx, vote)), vote }
  },

  'hardware.voteLedgerSign': ({ vote }, { ctx, ledger }) => signVoteWithLedger(ctx, ledger ?? openNodeHidLedger, vote),
}
