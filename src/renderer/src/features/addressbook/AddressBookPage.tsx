import { useState } from 'react'
import { ErrorNote, FileButton, PageHead } from '../../ui'
import { errorInfo, useAction, type ShownError } from '../../data'
import { downloadText, readTextFile } from '../../lib/files'
import type { AddressBookImport } from '../../../../shared/contract'
import { addressbookExportCsv, addressbookImportCsv, removeLabel } from './mutations'
import { useAddressBook } from './queries'
import { AddNameForm } from './AddNameForm'
import { AddressBookTable } from './AddressBookTable'

export function AddressBookPage() {
  const book = useAddressBook()
  const removing = useAction()
  const [csv, setCsv] = useState<string | null>(null)
  const [preview, setPreview] = useState<AddressBookImport | null>(null)
  const [importError, setImportError] = useState<ShownError | null>(null)

  const checkCsv = async (text: string) => {
    setPreview(null)
    setImportError(null)
    try {
      setCsv(text)
      setPreview(await addressbookImportCsv({ csv: text, dryRun: true }))
    } catch (e) {
      setImportError(errorInfo(e))
    }
  }

  return (
    <section>
      <PageHead
        title="Address book"
        intro={<>Names shown wherever an address appears. The full address is always one hover away.</>}
        actions={
          <>
            <FileButton
              accept=".csv,text/csv"
              label="Address book CSV"
              onFile={async (file) => checkCsv(await readTextFile(file, 2 * 1024 * 1024))}
            >
              Import CSV…
            </FileButton>
            <button
              onClick={async () => {
                setImportError(null)
                try {
                  const out = await addressbookExportCsv({})
                  downloadText(out.fileName, out.csv, 'text/csv')
                } catch (e) {
                  setImportError(errorInfo(e))
                }
              }}
            >
              Export CSV
            </button>
          </>
        }
      />
      <ErrorNote
        error={importError ?? removing.error ?? (book.error ? errorInfo(book.error) : null)}
        testId="addressbook-error"
      />
      {preview && (
        <div className="card" data-testid="addressbook-preview">
          <p>
            The file adds {preview.added.length}, renames {preview.updated.length} and leaves {preview.unchanged}{' '}
            unchanged.
          </p>
          <ul className="plain small">
            {preview.updated.map((u) => (
              <li key={u.address}>
                <span className="mono">{u.address}</span>: {u.previous} → {u.label}
              </li>
            ))}
          </ul>
          <div className="row">
            <button
              className="primary"
              onClick={async () => {
                try {
                  await addressbookImportCsv({ csv: csv! })
                  setPreview(null)
                } catch (e) {
                  setImportError(errorInfo(e))
                }
              }}
            >
              Import
            </button>
            <button onClick={() => setPreview(null)}>Cancel</button>
          </div>
        </div>
      )}
      <AddNameForm />
      <AddressBookTable entries={book.data ?? []} remove={(address) => void removing.run(() => removeLabel(address))} />
    </section>
  )
}
