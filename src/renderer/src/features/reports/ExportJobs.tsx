import { useState } from 'react'
import type { ExportFile, ExportJob } from '../../../../shared/contract'
import { canDownload, downloadExport, errorInfo, type ShownError } from '../../data'
import { DataTable, ErrorNote, type Column } from '../../ui'
import { useCancelExport } from './mutations'

/** This session's export jobs: the running ones with their progress, then what became of the others. */
export function ExportJobs({ jobs }: { jobs: ExportJob[] }) {
  const cancelling = useCancelExport()
  const running = jobs.filter((j) => j.state === 'running')
  const finished = jobs.filter((j) => j.state !== 'running')
  return (
    <>
      <ErrorNote error={cancelling.error} />
      {running.length > 0 && (
        <article className="card" aria-labelledby="running-h">
          <h2 id="running-h">Running</h2>
          {running.map((job) => (
            <RunningJob key={job.id} job={job} onCancel={() => void cancelling.run({ id: job.id })} />
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
    </>
  )
}

const FILE_COLUMNS: Column<ExportFile>[] = [
  { id: 'name', header: 'File', className: 'mono small', cell: (f) => f.name },
  { id: 'size', header: 'Size', numeric: 'plain', cell: (f) => formatBytes(f.bytes) },
  { id: 'saved', header: 'Saved (UTC)', className: 'mono small', cell: (f) => f.modifiedAt.replace('T', ' ').slice(0, 19) },
]

/** The files in the workspace's exports folder; in the browser host each one downloads. */
export function SavedExports({ files }: { files: ExportFile[] }) {
  const [downloadError, setDownloadError] = useState<ShownError | null>(null)
  const download = (name: string) =>
    downloadExport(name).then(
      () => setDownloadError(null),
      (e: unknown) => setDownloadError(errorInfo(e)),
    )
  return (
    <article className="card" aria-labelledby="files-h">
      <h2 id="files-h">Saved exports</h2>
      <ErrorNote error={downloadError} />
      <DataTable
        rows={files}
        columns={FILE_COLUMNS}
        rowKey={(f) => f.name}
        testId="export-files"
        actionsLabel="Download"
        rowActions={
          canDownload
            ? (f) => (
                <button type="button" aria-label={`Download ${f.name}`} onClick={() => void download(f.name)}>
                  Download
                </button>
              )
            : undefined
        }
        empty={
          <p className="empty">
            No exports yet. Choose a format and a period in New export above and press Export: the file appears here
            when it is written.
          </p>
        }
      />
    </article>
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function formatSeconds(s: number): string {
  return s < 90 ? `${s} s` : `${Math.round(s / 60)} min`
}
