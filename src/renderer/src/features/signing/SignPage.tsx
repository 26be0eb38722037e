import { useEffect, useState, type FormEvent } from 'react'
import { parseUnits } from 'ethers'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { qrPartProgress, readQrImage } from '../../lib/files'
import { useApp } from '../../store'
import { RequestReview } from './RequestReview'
import { signingCreateRequest, signingImport, signingImportSignatures } from './mutations'

/** Builds a request for a plain transfer from the Safe: the amount is typed in tokens, sent in base units. */
function NewTransfer() {
  const overview = useApp((s) => s.overview)
  const loadOverview = useApp((s) => s.loadOverview)
  const showRequest = useApp((s) => s.showRequest)
  const [error, setError] = useState<ShownError | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!overview) void loadOverview(false)
  }, [overview, loadOverview])

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const f = Object.fromEntries(new FormData(form).entries()) as Record<string, string>
    const token = overview?.balances.find((b) => (b.address ?? 'native') === f.token)
    setBusy(true)
    setError(null)
    try {
      if (!token) throw new Error('Choose a token.')
      let amount: bigint
      try {
        amount = parseUnits(f.amount.trim().replace(/,/g, ''), token.decimals)
      } catch {
        throw new Error(`"${f.amount}" is not an amount of ${token.symbol} (up to ${token.decimals} decimals).`)
      }
      const view = await signingCreateRequest({
        safe: overview?.address,
        tx: { kind: 'transfer', token: token.address, to: f.to.trim(), amount: amount.toString() },
        description: f.description || undefined,
        nonce: f.nonce || undefined,
      })
      showRequest(view)
      form.reset()
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby="new-h">
      <h2 id="new-h">New transfer request</h2>
      <label>
        Token
        <select name="token" required>
          {(overview?.balances ?? []).map((b) => (
            <option key={b.address ?? 'native'} value={b.address ?? 'native'}>
              {b.symbol}
            </option>
          ))}
        </select>
      </label>
      <label>
        Recipient
        <input name="to" required placeholder="0x…" autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Amount
        <input name="amount" required inputMode="decimal" placeholder="e.g. 1,250.5" />
      </label>
      <label>
        Description (optional)
        <input name="description" maxLength={500} />
      </label>
      <label>
        Nonce (optional; the Safe&apos;s next nonce by default)
        <input name="nonce" inputMode="numeric" pattern="[0-9]*" />
      </label>
      <ErrorNote error={error} />
      {busy && <Busy label="Reading the Safe and making the request…" />}
      <button type="submit" className="primary" disabled={busy || !overview}>
        {busy ? 'Making the request…' : 'Make the signing request'}
      </button>
    </form>
  )
}

/** Imports a request or a signature: a file, pasted text, or images of its QR codes (any order, all parts). */
function ImportBox() {
  const showRequest = useApp((s) => s.showRequest)
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
        if (list.length === 1) return await send({ text: await list[0].text() })
        // A folder of signature files: verified together, stored together or not at all.
        setBusy(true)
        const texts = await Promise.all(list.map((f) => f.text()))
        const { accepted } = await signingImportSignatures({ texts, names: list.map((f) => f.name) })
        setNotice(`${accepted.length} signatures accepted.`)
        const open = useApp.getState().current
        if (open) await useApp.getState().openRequest(open.request.safeTxHash)
        await useApp.getState().loadRequests()
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

export function SignPage() {
  const { requests, current, signingError, loadRequests, openRequest, loadKeys } = useApp()
  const workspace = useApp((s) => s.workspace)

  useEffect(() => {
    void loadRequests()
    void loadKeys()
  }, [loadRequests, loadKeys])

  return (
    <section>
      <PageHead
        title="Sign"
        intro={
          <>
            Signing requests carry every field of a Safe transaction and its hash; this app decodes them again before
            you sign. Requests and signatures travel as files or QR codes, so a signer&apos;s computer can stay offline.
          </>
        }
      />
      <ErrorNote error={signingError} />
      <div className="grid">
        {workspace?.chain && (
          <article className="card">
            <NewTransfer />
          </article>
        )}
        <article className="card">
          <ImportBox />
        </article>
      </div>

      {current && <RequestReview key={current.request.safeTxHash} view={current} />}

      <h2>Requests</h2>
      {requests.length === 0 ? (
        <p className="empty">
          No signing requests yet. Make one with New transfer request above, or import a request file or QR images a
          colleague sent you; it is listed here for review before anyone signs.
        </p>
      ) : (
        <table data-testid="requests">
          <thead>
            <tr>
              <th scope="col">Nonce</th>
              <th scope="col">What</th>
              <th scope="col">Signatures</th>
              <th scope="col">Origin</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.safeTxHash} aria-selected={current?.request.safeTxHash === r.safeTxHash}>
                <td className="num">{r.nonce}</td>
                <td>
                  <button type="button" className="link" onClick={() => void openRequest(r.safeTxHash)}>
                    {r.text}
                  </button>
                  {r.dangers > 0 && <span className="chip danger">{r.dangers} danger</span>}
                  {r.description && <div className="muted small">Note: {r.description}</div>}
                </td>
                <td>
                  {r.signatures} of {r.threshold ?? '?'}
                </td>
                <td>{r.origin}</td>
                <td className="mono small">{r.safeTxHash.slice(0, 12)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
