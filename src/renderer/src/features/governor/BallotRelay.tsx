import { ErrorNote, FileButton } from '../../ui'
import { readQrImage } from '../../lib/files'
import { useRelayBallot } from './mutations'

/** Anyone relays a holder's signed ballot file: the Governor recovers the voter, the relayer only pays the gas. */
export function BallotRelay({ relayer }: { relayer: string }) {
  const relay = useRelayBallot()
  // A ballot fits one QR code: its image is read here, the main process reassembles and checks it.
  const relayImage = (file: File) => void relay.run(async () => ({ qrParts: [await readQrImage(file)], relayer }))
  return (
    <div className="stack">
      <FileButton
        accept="application/json,.json"
        label="Relay a ballot file"
        onFile={async (file) => {
          await relay.run(async () => ({ ballot: JSON.parse(await file.text()) as never, relayer }))
        }}
      >
        Relay a ballot file…
      </FileButton>
      <FileButton accept="image/png" label="Relay a ballot QR image" onFile={relayImage}>
        Relay a ballot from its QR image…
      </FileButton>
      {relay.data && (
        <p role="status" className="banner ok" data-testid="ballot-relayed">
          Ballot relayed in {relay.data.transactionHash}: the proposal is {relay.data.state}.
        </p>
      )}
      <ErrorNote error={relay.error} testId="ballot-error" />
    </div>
  )
}
