import { useState } from 'react'
import type { ExportFormat } from '../../../../shared/contract'
import { canDownload, downloadExport, errorMessage } from '../../data'
import { useStartExport } from './mutations'
import { useExports } from './queries'

const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: 'csv', label: 'Export the audit CSV' },
  { format: 'json', label: 'Export the JSON bundle' },
  { format: 'pdf', label: 'Export the PDF report' },
]

/** The steward's exports at a glance: one button per format (the whole trail), progress, the latest files. */
export function QuickExports() {
  const exports = useExports()
  const starting = useStartExport()
  const [downloadError, setDownloadError] = useState<string | null>(null)
  const running = (exports.data?.jobs ?? []).filter((j) => j.state === 'running')
  const recent = (exports.data?.files ?? []).slice(0, 4)
  const error = exports.error ? errorMessage(exports.error) : starting.error?.message
  return (
    <>
      <p className="small muted">
        Audit trail and reports for the auditors; exports work offline (they read the local records).
      </p>
      <div className="row">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" onClick={() => void starting.run({ format: f.format })}>
            {f.label}
          </button>
        ))}
      </div>
      {error && <p className="error">{error}</p>}
      <div aria-live="polite">
        {running.map((j) => (
          <p key={j.id} className="small">
            <progress max={Math.max(j.total, 1)} value={j.done} aria-label={`Exporting ${j.fileName}`} /> {j.fileName}:{' '}
            {j.phase}
          </p>
        ))}
      </div>
      {recent.length === 0 ? (
        <p className="muted small">No exports yet.</p>
      ) : (
        <ul className="home-list compact" data-testid="recent-exports">
          {recent.map((f) => (
            <li key={f.name}>
              <span className="mono small">{f.name}</span>{' '}
              {canDownload && (
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    downloadExport(f.name).then(
                      () => setDownloadError(null),
                      (e: unknown) => setDownloadError(errorMessage(e)),
                    )
                  }
                >
                  Save {f.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {downloadError && <p className="error">{downloadError}</p>}
    </>
  )
}
