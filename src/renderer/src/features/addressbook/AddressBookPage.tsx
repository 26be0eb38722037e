import { useEffect, useState } from 'react'
import { useApp } from '../../store'
import { ErrorNote, FileButton, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { downloadText, readTextFile } from '../../lib/files'
import type { AddressBookImport } from '../../../../shared/contract'
import { addressbookExportCsv, addressbookImportCsv } from './mutations'

export function AddressBookPage() {
  const { addressBook, addressBookError } = useApp()
  const load = useApp((s) => s.loadAddressBook)
  const setLabel = useApp((s) => s.setAddressLabel)
  const remove = useApp((s) => s.removeAddressLabel)
  const [address, setAddress] = useState('')
  const [label, setLabelText] = useState('')
  const [csv, setCsv] = useState<string | null>(null)
  const [preview, setPreview] = useState<AddressBookImport | null>(null)
  const [importError, setImportError] = useState<ShownError | null>(null)

  useEffect(() => {
    void load()
  }, [load])

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
      <ErrorNote error={importError ?? addressBookError} testId="addressbook-error" />
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
                  await load()
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
      <form
        className="row card"
        aria-label="Add a name"
        onSubmit={async (e) => {
          e.preventDefault()
          if (await setLabel(address.trim(), label)) {
            setAddress('')
            setLabelText('')
          }
        }}
      >
        <label className="grow">
          Address
          <input
            className="mono"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            required
            placeholder="0x…"
          />
        </label>
        <label>
          Name
          <input value={label} onChange={(e) => setLabelText(e.target.value)} required maxLength={80} />
        </label>
        <button className="primary" type="submit">
          Save
        </button>
      </form>
      {addressBook.length === 0 ? (
        <p className="empty">
          No names yet. Add an address and a name above, or import a Safe{'{'}Wallet{'}'} address book CSV, and every
          page will show the name instead of the raw address.
        </p>
      ) : (
        <table data-testid="addressbook-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {addressBook.map((e) => (
              <tr key={e.address}>
                <td>{e.label}</td>
                <td className="mono">{e.address}</td>
                <td>
                  <button onClick={() => void remove(e.address)} aria-label={`Remove ${e.label}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
