import type { SignatureSource } from '../../../../../shared/contract'
import { AddressLabel } from '../../addressbook'
import { AddSignature } from './AddSignature'
import type { DetailPanelProps } from './context'

const SOURCE_LABEL = {
  onchain: 'approved on chain',
  local: 'signed with a local key',
  bundle: 'signature imported',
  txservice: 'from the Safe Transaction Service',
} as const satisfies Record<SignatureSource, string>

/** Signatures collected against the threshold, owner by owner, and the ways to add one. */
export function SignaturesCard(props: DetailPanelProps) {
  const { p } = props
  return (
    <article className="card" aria-labelledby="sig-h">
      <h2 id="sig-h">Signatures</h2>
      <p className="big" data-testid="signature-progress">
        {p.signatureCount} of {p.threshold}
      </p>
      <progress
        max={p.threshold || 1}
        value={Math.min(p.signatureCount, p.threshold)}
        aria-label="Signatures collected"
      />
      <ul className="owners-signed" data-testid="owner-signatures">
        {p.owners.map((o) => {
          const sig = p.signatures.find((s) => s.signer === o.address)
          const how = sig ? SOURCE_LABEL[sig.source] : 'not signed'
          return (
            <li key={o.address} className={o.signed ? 'signed' : ''}>
              <span aria-hidden="true">{o.signed ? '✓' : '○'}</span> <AddressLabel address={o.address} />{' '}
              <span className="muted small">{how}</span>
            </li>
          )
        })}
      </ul>
      {p.can.addSignature && <AddSignature {...props} />}
    </article>
  )
}
