import { TextInput } from '../../ui'
import { useRef, useState } from 'react'
import { shortAddress } from '../../lib/format'
import type {
  CallInput,
  GovernanceProposalDetail,
  HardwareVoteView,
  VoteImportResult,
} from '../../../../shared/contract'
import {
  LedgerSign,
  QrDeviceSign,
  hardwareVoteDeviceHashes,
  hardwareVoteLedgerSign,
  hardwareVoteQrImport,
  hardwareVoteQrRequest,
  useHardwareSigners,
} from '../hardware'
import { refreshGovernance } from './queries'

type Support = HardwareVoteView['support']
type HardwareVoteChoice = CallInput<'hardware.voteQrRequest'>

/**
 * Voting from a holder's hardware device, beside the vote files: the paired QR device (ERC-4527) or Ledger signs the
 * vote's EIP-712 typed data, and the vote is checked and counted like an imported vote file.
 */
export function HardwareVote({ p }: { p: GovernanceProposalDetail }) {
  const { data: signers } = useHardwareSigners()
  const [support, setSupport] = useState<Support>('for')
  const [reason, setReason] = useState('')
  const [result, setResult] = useState<VoteImportResult | null>(null)
  // The vote each device was asked to sign, timestamp included: the answer is given back with exactly that vote.
  const qrVote = useRef<HardwareVoteView | null>(null)
  const ledgerVote = useRef<HardwareVoteView | null>(null)
  if (p.state !== 'Active' || !signers?.length) return null
  const holders = signers.map((s) => s.address)
  // Asks the server for the vote a device signs for this voter and keeps it, to be given back with the answer.
  const askFor =
    <T extends { vote: HardwareVoteView }>(
      kept: { current: HardwareVoteView | null },
      ask: (c: HardwareVoteChoice) => Promise<T>,
    ) =>
    async (voter: string): Promise<T> => {
      const shown = await ask({ id: p.id, voter, support, reason })
      kept.current = shown.vote
      return shown
    }
  const recorded = async (r: VoteImportResult) => {
    setResult(r)
    await refreshGovernance()
    return true
  }
  const counted = result?.outcomes[0]
  return (
    <article className="card stack" aria-labelledby="hw-vote-h" data-testid="hardware-vote">
      <h3 id="hw-vote-h">Vote with a hardware device</h3>
      <p className="muted small">
        A holder&apos;s paired device signs the vote (EIP-712, the same as a vote file): a QR device reads it from the
        codes shown, a Ledger shows its two hashes. The vote counts with the holder&apos;s power at snapshot block #
        {p.snapshotBlock}.
      </p>
      <div className="row">
        <label htmlFor="hw-vote-support">Vote</label>
        <select id="hw-vote-support" value={support} onChange={(e) => setSupport(e.target.value as Support)}>
          <option value="for">For</option>
          <option value="against">Against</option>
          <option value="abstain">Abstain</option>
        </select>
        <label htmlFor="hw-vote-reason">Reason (optional)</label>
        <TextInput id="hw-vote-reason" value={reason} maxLength={1000} onText={setReason} />
      </div>
      <QrDeviceSign
        owners={holders}
        request={askFor(qrVote, hardwareVoteQrRequest)}
        onAnswer={async (parts) => recorded(await hardwareVoteQrImport({ vote: qrVote.current!, parts }))}
      />
      <LedgerSign
        owners={holders}
        hashes={askFor(ledgerVote, hardwareVoteDeviceHashes)}
        onSign={async () => recorded(await hardwareVoteLedgerSign({ vote: ledgerVote.current! }))}
      />
      {counted && (
        <p role="status" className="banner ok" data-testid="hardware-vote-result">
          {shortAddress(counted.voter)} voted {counted.support}
          {counted.status === 'duplicate' ? ' (already recorded)' : ''}.
        </p>
      )}
    </article>
  )
}
