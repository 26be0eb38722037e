import { useState, type FormEvent } from 'react'
import type { ExportFormat } from '../../../../shared/contract'
import { useWorkspaceInfo } from '../../data'
import { errorInfo } from '../../data'
import { ErrorNote, NO_PERIOD, PageHead, PeriodFields, periodInput, TextInput } from '../../ui'
import { AccountingExport } from './AccountingExport'
import { ExportJobs, SavedExports } from './ExportJobs'
import { useStartExport } from './mutations'
import { useExports } from './queries'

const FORMATS: Array<{ id: ExportFormat; label: string; hint: string }> = [
  { id: 'csv', label: 'CSV for auditors', hint: 'One row per recorded event with the columns auditors expect.' },
  {
    id: 'json',
    label: 'JSON audit bundle',
    hint: 'The hash-chained events; anyone can verify it with `treasury audit verify FILE`.',
  },
  {
    id: 'pdf',
    label: 'PDF transparency report',
    hint: 'Balances, flows, participation and the audit head, with charts, to publish.',
  },
]

export function ReportsPage() {
  const exports = useExports()
  const starting = useStartExport()
  const workspace = useWorkspaceInfo()
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [period, setPeriod] = useState(NO_PERIOD)
  const [steward, setSteward] = useState('')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void starting.run({
      format,
      ...periodInput(period),
      ...(format === 'json' && steward.trim() ? { stewardAddress: steward.trim() } : {}),
    })
  }

  return (
    <section>
      <PageHead
        title="Reports and exports"
        intro={
          <>
            Exports run in the background and are saved in the workspace&apos;s <span className="mono">exports</span>{' '}
            folder{workspace?.host === 'browser' ? '; download them from here.' : '.'}
          </>
        }
      />
      <ErrorNote error={exports.error ? errorInfo(exports.error) : starting.error} />

      <form className="card export-form" onSubmit={submit} aria-labelledby="new-export-h">
        <h2 id="new-export-h">New export</h2>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className="choice">
              <input
                type="radio"
                name="format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
              />
              <span>
                <strong>{f.label}</strong>
                <span className="muted small"> {f.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="row">
          <PeriodFields period={period} onChange={setPeriod} />
        </div>
        <p className="muted small">Leave a date empty for the start of the trail or for today.</p>
        {format === 'json' && (
          <label className="wide">
            Steward signature (optional): sign the head with this unlocked key
            <TextInput
              type="text"
              className="mono"
              placeholder="0x… steward address"
              value={steward}
              onText={setSteward}
              spellCheck={false}
              autoComplete="off"
            />
          </label>
        )}
        <button type="submit" className="primary">
          Export
        </button>
      </form>

      <AccountingExport />

      <ExportJobs jobs={exports.data?.jobs ?? []} />
      <SavedExports files={exports.data?.files ?? []} />
    </section>
  )
}
