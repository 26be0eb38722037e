import { useEffect, useState, type FormEvent } from 'react'
import type { ExportFormat, ExportJob } from '../../../../shared/contract'
import { useApp } from '../../store'
import { canDownload, downloadExport } from '../../data/client'
import { ErrorNote, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { AccountingExport } from './AccountingExport'

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
  const { exportJobs, exportFiles, exportsError, loadExports, startExport, cancelExport } = useApp()
  const workspace = useApp((s) => s.workspace)
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [steward, setSteward] = useState('')
  const [downloadError, setDownloadError] = useState<ShownError | null>(null)

  useEffect(() => {
    void loadExports()
  }, [loadExports])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void startExport({
      format,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(format === 'json' && steward.trim() ? { stewardAddress: steward.trim() } : {}),
    })
  }
  const running = exportJobs.filter((j) => j.state === 'running')
  const finished = exportJobs.filter((j) => j.state !== 'running')

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
      <ErrorNote error={exportsError} />

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
          <label>
            From (UTC day)
            <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            To (UTC day, inclusive)
            <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <p className="muted small">Leave a date empty for the start of the trail or for today.</p>
        {format === 'json' && (
          <label className="wide">
            Steward signature (optional): sign the head with this unlocked key
            <input
              type="text"
              className="mono"
              placeholder="0x… steward address"
              value={steward}
              onChange={(e) => setSteward(e.target.value)}
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

      {running.length > 0 && (
        <article className="card" aria-labelledby="running-h">
          <h2 id="running-h">Running</h2>
          {running.map((job) => (
            <RunningJob key={job.id} job={job} onCancel={() => void cancelExport(job.id)} />
          ))}
        </article>
      )}

      {finished.length > 0 && (
        <ul className="job-results" aria-label="This session's exports">
          {finished.map((job) => (
            <li key={job.id} role={job.state === 'failed' ? 'alert' : 'status'} data-testid={`export-${job.state}`}>
              {job.state === 'done' && (
                <>
                  Saved <span className="mono">{job.fileName}</span> ({formatBytes(job.bytes ?? 0)}, {job.events} audit
                  events{job.signedBy ? `, head signed by ${job.signedBy}` : ''}).
                </>
              )}
              {job.state === 'cancelled' && (
                <>
                  Cancelled <span className="mono">{job.fileName}</span>: nothing was written.
                </>
              )}
              {job.state === 'failed' && (
                <span className="error">
                  {job.format.toUpperCase()} export failed: {job.error}. Nothing was saved; check the dates (and, for a
                  signed bundle, that the steward&apos;s key is unlocked on the Signers page), then export again.
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <article className="card" aria-labelledby="files-h">
        <h2 id="files-h">Saved exports</h2>
        <ErrorNote error={downloadError} />
        {exportFiles.length === 0 ? (
          <p className="empty">
            No exports yet. Choose a format and a period in New export above and press Export: the file appears here
            when it is written.
          </p>
        ) : (
          <table data-testid="export-files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">Saved (UTC)</th>
                {canDownload && <th scope="col">Download</th>}
              </tr>
            </thead>
            <tbody>
              {exportFiles.map((f) => (
                <tr key={f.name}>
                  <td className="mono small">{f.name}</td>
                  <td className="num">{formatBytes(f.bytes)}</td>
                  <td className="mono small">{f.modifiedAt.replace('T', ' ').slice(0, 19)}</td>
                  {canDownload && (
                    <td>
                      <button
                        type="button"
                        aria-label={`Download ${f.name}`}
                        onClick={() =>
                          downloadExport(f.name).then(
                            () => setDownloadError(null),
                            (e: unknown) => setDownloadError(errorInfo(e)),
                          )
                        }
                      >
                        Download
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </section>
  )
}

function RunningJob({ job, onCancel }: { job: ExportJob; onCancel(): void }) {
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0
  return (
    <div className="job" data-testid="export-running">
      <div className="job-line">
        <span className="mono small">{job.fileName}</span>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <progress max={100} value={job.total > 0 ? percent : undefined} aria-label={`Progress of ${job.fileName}`} />
      <p className="muted small" aria-live="polite">
        {job.total > 0
          ? `${percent}% · ${job.done.toLocaleString()} of ${job.total.toLocaleString()} ${job.phase}`
          : job.phase}
        {job.etaSeconds !== null && job.etaSeconds > 0 ? ` · about ${formatSeconds(job.etaSeconds)} left` : ''}
      </p>
    </div>
  )
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function formatSeconds(s: number): string {
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`
}
