import type { ProposalDetail } from '../../../../../shared/contract'
import { KIND_LABEL } from '../common'

/** What else uses this proposal's nonce: open rivals, the proposal that used it, the one this rejects. */
export function ProposalBanners({ p }: { p: ProposalDetail }) {
  return (
    <>
      {p.sameNonce.length > 0 && (
        <div role="status" className="banner warn" data-testid="nonce-conflict">
          {p.sameNonce.length + 1} proposals share nonce {p.nonce}: only one of them can ever execute; executing it
          replaces the others.{' '}
          {p.sameNonce.map((o) => (
            <a key={o.id} href={`#/proposals/${o.id}`} className="spaced">
              #{o.id} {o.title} ({KIND_LABEL[o.kind]})
            </a>
          ))}
        </div>
      )}
      {p.replacedBy !== null && (
        <p className="banner" data-testid="replaced-by">
          {p.replacedByRejection ? 'Rejected: nonce' : 'Nonce'} {p.nonce} was used by{' '}
          <a href={`#/proposals/${p.replacedBy}`}>
            {p.replacedByRejection ? 'rejection' : 'proposal'} #{p.replacedBy}
          </a>
          .
        </p>
      )}
      {p.status === 'replaced' && p.replacedBy === null && (
        <p className="banner">Nonce {p.nonce} was used on chain by a transaction made outside this workspace.</p>
      )}
      {p.rejects !== null && (
        <p className="banner">
          This rejects <a href={`#/proposals/${p.rejects}`}>proposal #{p.rejects}</a>: once executed, nonce {p.nonce} is
          used and every signature given to the other is void.
        </p>
      )}
    </>
  )
}
