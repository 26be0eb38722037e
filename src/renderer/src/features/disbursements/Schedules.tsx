import { useState } from 'react'
import type { ScheduleStatus } from '../../../../shared/contract'
import { humanAmount, shortAddress } from '../../lib/format'
import { Busy, Card, DataTable, ErrorNote, StatusChip, type Column, TextInput } from '../../ui'
import { useDraftDueBatches, usePauseSchedule } from './mutations'
import { useSchedules } from './queries'

function PauseResume({ schedule: s }: { schedule: ScheduleStatus }) {
  const [reason, setReason] = useState('')
  const pause = usePauseSchedule()
  return (
    <>
      <label className="inline">
        Reason for {s.name}
        <TextInput value={reason} onText={setReason} />
      </label>
      <button
        disabled={pause.busy}
        aria-label={`${s.paused ? 'Resume' : 'Pause'} ${s.name}`}
        onClick={() => void pause.run({ scheduleId: s.id, paused: !s.paused, reason })}
      >
        {s.paused ? 'Resume' : 'Pause'}
      </button>
      <ErrorNote error={pause.error} />
    </>
  )
}

const COLUMNS: Column<ScheduleStatus>[] = [
  {
    id: 'name',
    header: 'Schedule',
    rowHeader: true,
    sortValue: (s) => s.name,
    cell: (s) => (
      <>
        {s.name}
        <div className="small muted">
          {s.kind === 'monthly' && s.amount && s.decimals !== null
            ? `${humanAmount(s.amount, s.decimals)} ${s.symbol} to ${shortAddress(s.recipient!)} on day ${s.dayOfMonth}`
            : s.summary}
        </div>
      </>
    ),
  },
  { id: 'state', header: 'State', cell: (s) => <StatusChip status={s.state} />, sortValue: (s) => s.state },
  {
    id: 'next',
    header: 'Next due',
    className: 'mono small',
    cell: (s) => s.nextDueOn ?? '—',
    sortValue: (s) => s.nextDueOn,
  },
  { id: 'missed', header: 'Missed', className: 'mono small', cell: (s) => s.missed.join(', ') || '—' },
  { id: 'pause', header: 'Pause / resume', cell: (s) => <PauseResume schedule={s} /> },
]

/** Schedules with their state; due ones are drafted into batches on request, never signed or sent. */
export function Schedules() {
  const schedules = useSchedules().data ?? []
  const draft = useDraftDueBatches()
  const [drafted, setDrafted] = useState<string | null>(null)
  const due = schedules.filter((s) => s.state === 'due' || s.state === 'missed')
  const draftDue = async () => {
    const r = await draft.run({})
    if (r)
      setDrafted(
        `${r.drafted.length} batch(es) drafted, ${r.refused.length} refused${r.refused.length ? ': ' + r.refused.map((x) => x.reason).join('; ') : ''}`,
      )
  }
  return (
    <Card title="Schedules" headingId="schedules-h">
      {due.length > 0 && (
        <p role="status" className="banner warn" data-testid="schedules-due">
          {due.length} schedule{due.length === 1 ? '' : 's'} due or missed: {due.map((s) => s.name).join(', ')}. Drafts
          are never signed or sent without the signers.
        </p>
      )}
      <button disabled={draft.busy} onClick={() => void draftDue()}>
        Draft due batches now
      </button>
      {drafted && <p role="status">{drafted}</p>}
      {draft.busy && <Busy label="Drafting the due batches…" />}
      <ErrorNote error={draft.error} />
      <DataTable
        rows={schedules}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        testId="schedules"
        empty={
          <p className="empty">
            No schedules yet. Create a monthly stipend with the form on this page, or schedule a grant&apos;s milestone
            payouts from its page under Grants.
          </p>
        }
      />
    </Card>
  )
}
