import type { CouncilActView } from '../../../../shared/contract/council'

/** Where an act stands: in effect, or pending with who signed and who is missing. */
export function ActOutcome({ act }: { act: CouncilActView | undefined | null }) {
  if (!act) return null
  const signed = act.signers.map((s) => s.member).join(', ')
  if (act.status === 'effective')
    return (
      <p role="status" className="small" data-testid="act-outcome">
        Signed by {signed}: in effect.
      </p>
    )
  return (
    <p role="status" className="small" data-testid="act-outcome">
      {act.status === 'expired' ? 'Expired' : 'Pending'}: signed by {signed} ({act.signers.length} of {act.needed}
      ); waiting for {act.missing.length ? act.missing.join(', ') : 'nobody'}.
    </p>
  )
}
