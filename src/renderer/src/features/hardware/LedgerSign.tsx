import { useState } from 'react'
import type { DeviceHashes } from '../../../../shared/contract'
import { ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { useHardwareSigners } from './queries'

/**
 * Signing on a Ledger: which account signs, and the two hashes the device will show (EIP-712 domain and message
 * hash) to compare before confirming there. `onSign` runs the signing call (the caller refreshes its page).
 */
export function LedgerSign({
  hashes,
  owners,
  onSign,
}: {
  /** The two hashes the Ledger will show for what this signer signs (a vote's depend on the voter). */
  hashes(signer: string): Promise<DeviceHashes>
  owners: string[]
  onSign(signer: string): Promise<boolean>
}) {
  const { data: signers } = useHardwareSigners()
  const [review, setReview] = useState<{ signer: string; hashes: DeviceHashes } | null>(null)
  const [error, setError] = useState<ShownError | null>(null)
  const [signing, setSigning] = useState(false)
  const devices = (signers ?? []).filter((s) => s.transport === 'usb' && owners.includes(s.address))
  if (devices.length === 0) return null
  const device = review && devices.find((d) => d.address === review.signer)

  async function prepare(signer: string) {
    setError(null)
    try {
      setReview({ signer, hashes: await hashes(signer) })
    } catch (e) {
      setError(errorInfo(e))
    }
  }

  return (
    <div className="stack" data-testid="ledger-sign">
      <div className="row">
        {devices.map((d) => (
          <button key={d.address} type="button" disabled={signing} onClick={() => void prepare(d.address)}>
            Sign with {d.label} (Ledger)
          </button>
        ))}
      </div>
      {review && (
        <div className="card stack">
          <p>
            <strong>{device?.label ?? review.signer}</strong> signs on its Ledger ({device?.path}). The Ledger shows
            these two hashes: compare them on its screen before you approve.
          </p>
          <dl className="kv small">
            <dt>Domain hash</dt>
            <dd className="mono">{review.hashes.domainHash}</dd>
            <dt>Message hash</dt>
            <dd className="mono">{review.hashes.messageHash}</dd>
          </dl>
          <button
            type="button"
            className="primary"
            disabled={signing}
            onClick={() => {
              setSigning(true)
              setError(null)
              void onSign(review.signer)
                .then((done) => done && setReview(null))
                .catch((e) => setError(errorInfo(e)))
                .finally(() => setSigning(false))
            }}
          >
            {signing ? 'Confirm on the Ledger…' : 'Sign on the Ledger'}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  )
}
