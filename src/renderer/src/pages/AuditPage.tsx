import { useEffect } from 'react'
import { useApp } from '../store'

export function AuditPage() {
  const { auditEvents, auditTotal, auditVerdict, auditError, loadAudit, verifyAudit } = useApp()
  useEffect(() => {
    void loadAudit()
  }, [loadAudit])

  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Audit trail</h1>
          <p className="muted">{auditTotal} events, each chained to the one before it by SHA-256.</p>
        </div>
        <div className="head-actions">
          <button onClick={() => void verifyAudit()}>Verify the chain</button>
        </div>
      </header>
      {auditError && (
        <p role="alert" className="error">
          {auditError}
        </p>
      )}
      {auditVerdict?.ok && (
        <p role="status" className="banner ok" data-testid="audit-verdict">
          Chain intact: {auditVerdict.events} events, head{' '}
          <span className="mono">{auditVerdict.headHash?.slice(0, 16)}…</span>
        </p>
      )}
      {auditEvents.length === 0 ? (
        <p className="empty">Nothing has happened in this workspace yet.</p>
      ) : (
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {auditEvents.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td className="mono">{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td className="mono">{e.actor}</td>
                <td>{e.action}</td>
                <td className="mono small">{e.subject}</td>
                <td className="mono small" title={e.hash}>
                  {e.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
