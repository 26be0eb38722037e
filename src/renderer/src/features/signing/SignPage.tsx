import { useEffect } from 'react'
import { ErrorNote, PageHead } from '../../ui'
import { useApp } from '../../store'
import { RequestReview } from './RequestReview'
import { NewTransfer } from './NewTransfer'
import { ImportBox } from './ImportBox'

export function SignPage() {
  const { requests, current, signingError, loadRequests, openRequest } = useApp()
  const workspace = useApp((s) => s.workspace)

  useEffect(() => {
    void loadRequests()
  }, [loadRequests])

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
