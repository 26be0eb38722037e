import { ErrorNote, QrCycle } from '../../ui'
import { errorInfo } from '../../data'
import type { BallotFile } from '../../../../shared/contract/governor'
import { useBallotQr } from './queries'

/** A signed ballot as QR codes: the relayer scans them (any order) instead of carrying the file. */
export function BallotQr({ ballot }: { ballot: BallotFile }) {
  const qr = useBallotQr(ballot)
  return (
    <div data-testid="ballot-qr">
      <ErrorNote error={qr.error ? errorInfo(qr.error) : null} />
      {qr.data && (
        <QrCycle
          images={qr.data.images}
          name={`ballot-${ballot.proposalId.slice(0, 10)}-${ballot.voter.slice(2, 8)}`}
          label="Signed ballot"
        />
      )}
    </div>
  )
}
