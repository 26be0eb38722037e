import { useState } from 'react'
import { AddressCell, Card, Options, addressOptions } from '../../ui'
import type { BallotKind, GovernorView } from '../../../../shared/contract/governor'
import { useActingKeys } from './queries'
import { ProposeForm } from './ProposeForm'
import { BallotRelay } from './BallotRelay'
import { AdvanceTime } from './AdvanceTime'
import { GovernorProposals } from './GovernorProposals'

const BALLOT_KIND_TEXT: Record<BallotKind, string> = {
  oz4: 'Offline ballots: OpenZeppelin 4.x (a ballot names the proposal and the choice).',
  oz5: 'Offline ballots: OpenZeppelin 5.x (a ballot also names the voter and their nonce: relay it before the voter signs another).',
}

/** One Governor: its rules as the chain has them, who acts, and its proposals. */
export function GovernorCard({ governor: g, sandbox }: { governor: GovernorView; sandbox: boolean }) {
  const keys = useActingKeys()
  const [actor, setActor] = useState('')
  const acting = keys.some((k) => k.address === actor) ? actor : (keys[0]?.address ?? '')
  const s = g.settings
  return (
    <Card title={g.name} testId="governor-card">
      <p>
        Governor <AddressCell address={g.address} /> · timelock <AddressCell address={g.timelock} />
        {g.safe && (
          <>
            {' '}
            · executes on the Safe <AddressCell address={g.safe} /> through its module{' '}
            {s?.moduleEnabled ? '(enabled)' : '(not enabled on the Safe: executions would fail)'}
          </>
        )}
      </p>
      {s && (
        <p className="muted" data-testid="governor-settings">
          Voting starts {s.votingDelay} {s.clockUnit} after proposing and lasts {s.votingPeriod} {s.clockUnit}; quorum{' '}
          {s.quorumNumerator ?? '?'} % of supply; timelock delay {s.timelockDelaySeconds} s ({s.clockMode}).
        </p>
      )}
      {s && (
        <p className="muted" data-testid="governor-ballot-kind">
          {s.ballotKind
            ? BALLOT_KIND_TEXT[s.ballotKind]
            : 'Offline ballots: this Governor names no ballot type the app knows.'}
        </p>
      )}
      <label>
        Acting key (signs and pays the gas)
        <select value={acting} onChange={(e) => setActor(e.target.value)} data-testid="governor-actor">
          <Options options={addressOptions(keys)} />
        </select>
      </label>
      {keys.length === 0 && <p className="muted">Unlock a key on the Signers page to propose, vote or relay.</p>}
      {sandbox && <AdvanceTime />}
      <GovernorProposals governor={g} actor={acting} />
      {acting && <ProposeForm governor={g} proposer={acting} />}
      {acting && <BallotRelay relayer={acting} />}
    </Card>
  )
}
