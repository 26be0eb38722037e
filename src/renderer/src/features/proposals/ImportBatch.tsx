import { useState } from 'react'
import { useSafeOverview, useSafes } from '../safes'
import { SafeSelect } from './SafeSelect'
import { ERROR_HINTS, FileButton, TextInput } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { readTextFile } from '../../lib/files'
import { go } from '../../lib/route'
import { ApiError } from '../../../../shared/errors'
import type { TxBuilderPreview } from '../../../../shared/contract'
import { ActionLine } from './common'
import { proposalsImportTxBuilder } from './mutations'

/** Safe{Wallet} Transaction Builder JSON → one proposal: checked and previewed before anything is written. */
export function ImportBatch() {
  const overview = useSafeOverview().data
  const safes = useSafes()
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [preview, setPreview] = useState<TxBuilderPreview | null>(null)
  const [error, setError] = useState<(ShownError & { line: number | null }) | null>(null)
  const [category, setCategory] = useState('')
  const [safe, setSafe] = useState('')
  const target = safe || overview?.address || safes[0]?.address || ''

  const check = async (json: string) => {
    setPreview(null)
    setError(null)
    try {
      const r = await proposalsImportTxBuilder({ safe: target, json, dryRun: true })
      setPreview(r.preview)
    } catch (e) {
      const line = e instanceof ApiError ? ((e.details as { line?: number } | undefined)?.line ?? null) : null
      setError({ ...errorInfo(e), line })
    }
  }

  const commit = async () => {
    try {
      const r = await proposalsImportTxBuilder({ safe: target, json: text, category: category || null })
      if (r.proposal) go(`proposals/${r.proposal.id}`)
    } catch (e) {
      setError({ ...errorInfo(e), line: null })
    }
  }

  return (
    <section>
      <p>
        <a href="#/proposals">← Queue</a>
      </p>
      <h1>Import a Transaction Builder batch</h1>
      <p className="muted">
        A JSON file exported from Safe{'{'}Wallet{'}'}&apos;s Transaction Builder (raw data or contract method form). It
        is checked in full first; nothing is added until you confirm.
      </p>
      <div className="row">
        <SafeSelect value={target} safes={safes} onChange={setSafe} />
        <FileButton
          accept=".json,application/json"
          label="Batch file"
          onFile={async (file) => {
            try {
              const content = await readTextFile(file)
              setFileName(file.name)
              setText(content)
              await check(content)
            } catch (err) {
              setError({ ...errorInfo(err), line: null })
            }
          }}
        >
          Choose batch file…
        </FileButton>
        {fileName && <span className="muted">{fileName}</span>}
      </div>
      {error && (
        <div role="alert" className="banner danger" data-testid="import-error">
          {error.message}
          {error.code && <p className="error-hint">What to do: {ERROR_HINTS[error.code]}</p>}
          {error.line !== null && text && (
            <pre className="mono small excerpt">
              {text
                .split('\n')
                .slice(Math.max(0, error.line - 3), error.line + 2)
                .map((l, i) => {
                  const n = Math.max(0, error.line! - 3) + i + 1
                  return `${n === error.line ? '>' : ' '} ${String(n).padStart(4)} | ${l}`
                })
                .join('\n')}
            </pre>
          )}
        </div>
      )}
      {preview && (
        <article className="card" data-testid="import-preview">
          <h2>
            {preview.name ?? 'Batch'}: {preview.parts.length} transaction{preview.parts.length === 1 ? '' : 's'}
          </h2>
          {preview.checksumOk === false && (
            <p className="banner warn" role="status">
              The file&apos;s checksum does not match its content: it was edited after export. Read every line below.
            </p>
          )}
          <ol className="actions">
            {preview.parts.map((a, i) => (
              <li key={i}>
                <ActionLine action={a} />
              </li>
            ))}
          </ol>
          <div className="row">
            <TextInput label="Category" value={category} onText={setCategory} maxLength={60} />
            <button className="primary" onClick={() => void commit()}>
              Add as one proposal
            </button>
          </div>
        </article>
      )}
    </section>
  )
}
