import type { GovernorProposalView, GovernorTimeLeft } from '../../../../shared/contract/governor'

export function timeLeftText(t: GovernorTimeLeft): string {
  if (t.phase === 'none') return '—'
  if (t.unit === 'blocks') return `${t.amount} blocks ${t.phase}`
  const s = Number(t.amount)
  if (s === 0) return `now (${t.phase.replace('until ', '')})`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${h > 0 ? `${h} h ` : ''}${m} min ${s % 60} s ${t.phase}`
}

/** What the chain will do at the next step, in one sentence. */
export function nextStepText(p: GovernorProposalView): string {
  if (p.next === 'vote') return 'Voting is open: each vote is weighed by the voter’s delegated AITBC at the snapshot.'
  if (p.next === 'queue') return 'Passed: queueing schedules its calls in the timelock, executable after the delay.'
  if (p.next === 'execute') return `Executable: ${p.actions.map((a) => a.text).join('; ')}.`
  if (p.state === 'Queued') return 'Queued in the timelock: the Safe’s signers can still veto it (canceller role).'
  return ''
}
