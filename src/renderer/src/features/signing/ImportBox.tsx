import { useState } from 'react'
import { Busy, ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { qrPartProgress, readQrImage, readTextFile } from '../../lib/files'
import { signingImport, signingImportSignatures } from './mutations'
import { showRequest } from './queries'

/** Imports a request or a signature: a file, pasted text, or images of its QR codes (any order, all parts). */
export function ImportBox() {
  const [text, setText] = useState('')
  const [qrParts, setQrParts] = useState<string[]>([])
  const [error, setError] = useState<ShownError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const progress = qrPartProgress(qrParts)

  async function send(input: { text: string } | { qrParts: string[] }) {
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      const result = await signingImport(input)
      showRequest(result.view)
      setNotice(
        result.kind === 'request'
          ? 'Signing request imported: review it below before signing.'
          : `Signature by ${result.signer} accepted (${result.view.progress.collected} of ${result.view.progress.threshold ?? '?'}).`,
      )
      setText('')
      setQrParts([])
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(false)
    }
  }

  async function onFiles(files: FileList | null) {
    if (!files?.length) return
    setError(null)
    const list = [...files]
    const images = list.filter((f) => f.type.startsWith('image/'))
    try {
      if (images.length === 0) {
        if (list.length === 1) return await send({ text: await readTextFile(list[0]) })
        // A folder of signature files: verified together, stored together or not at all.
        setBusy(true)
        const texts = await Promise.all(list.map((f) => readTextFile(f)))
        const { accepted } = await signingImportSignatures({ texts, names: list.map((f) => f.name) })
        setNotice(`${accepted.length} signatures accepted.`)
        return
      }
      const read = [...qrParts]
      for (const image of images) read.push(await readQrImage(image))
      const p = qrPartProgress(read)
      if (p && p.have < p.total) {
        setQrParts(read)
        setNotice(`Read ${p.have} of ${p.total} QR parts: add the others.`)
        return
      }
      await send({ qrParts: read })
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="stack" aria-labelledby="import-h">
      <h2 id="import-h">Import a request or a signature</h2>
      <label>
        Files (JSON, several signatures at once) or QR images
        <input
          type="file"
          accept=".json,application/json,image/*"
          multiple
          data-testid="import-file"
          onChange={(e) => {
            void onFiles(e.target.files)
            e.target.value = ''
          }}
        />
      </label>
      {progress && progress.have < progress.total && (
        <p className="muted small">
          {progress.have} of {progress.total} QR parts read.{' '}
          <button type="button" onClick={() => void send({ qrParts })}>
            Import with what was read
          </button>{' '}
          <button type="button" onClick={() => setQrParts([])}>
            Clear
          </button>
        </p>
      )}
      <label>
        Or paste it
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
      </label>
      <button type="button" disabled={busy || !text.trim()} onClick={() => void send({ text })}>
        Import pasted text
      </button>
      {busy && <Busy label="Checking the file and its signatures…" />}
      <ErrorNote error={error} />
      {notice && (
        <p role="status" className="banner ok">
          {notice}
        </p>
      )}
    </section>
  )
}
