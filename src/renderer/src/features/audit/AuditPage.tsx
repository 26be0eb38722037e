import { useEffect, type ChangeEvent } from 'react'
import { useApp } from '../../store'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { useAction } from '../../data'

/** Above this a bundle is checked with the CLI (`treasury audit verify FILE`), which streams it. */
const IN_APP_LIMIT = 3_000_000

export function AuditPage() {
  const { auditEvents, auditTotal, auditVerdict, auditError, loadAudit, verifyAudit, bundleVerdict, verifyBundle } =
    useApp()
  const verifying = useAction()
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    if (file.size > IN_APP_LIMIT) {
      useApp.setState({
        auditError: `${file.name} is ${Math.round(file.size / 1e6)} MB: check it with \`treasury audit verify ${file.name}\` instead.`,
      })
      return
    }
    await verifying.run(async () => verifyBundle(file.name, await file.text()))
  }
  useEffect(() => {
    void loadAudit()
  }, [loadAudit])

  return (
    <section>
      <PageHead
        title="Audit trail"
        intro={<>{auditTotal} events, each chained to the one before it by SHA-256.</>}
        actions={
          <>
            <button onClick={() => void verifying.run(verifyAudit)} disabled={verifying.busy}>
              Verify the chain
            </button>
            <label className="button">
              Check an export file…
              <input type="file" accept=".json,application/json" className="visually-hidden" onChange={onFile} />
            </label>
            <a className="button" href="#/reports">
              Export…
            </a>
          </>
        }
      />
      {verifying.busy && <Busy label="Verifying the hash chain…" />}
      <ErrorNote error={auditError ?? verifying.error} />
      {auditVerdict?.ok && (
        <p role="status" className="banner ok" data-testid="audit-verdict">
          Chain intact: {auditVerdict.events} events, head{' '}
          <span className="mono">{auditVerdict.headHash?.slice(0, 16)}…</span>
        </p>
      )}
      {auditVerdict && !auditVerdict.ok && (
        <p role="alert" className="banner danger" data-testid="audit-verdict">
          Chain broken at event #{auditVerdict.firstBadSeq}: {auditVerdict.reason}. That event and every one after it
          cannot be trusted.
        </p>
      )}
      {bundleVerdict && (
        <div
          role={bundleVerdict.ok ? 'status' : 'alert'}
          className={bundleVerdict.ok ? 'banner ok' : 'banner danger'}
          data-testid="bundle-verdict"
        >
          <strong>{bundleVerdict.fileName}: </strong>
          {bundleVerdict.ok
            ? `intact, events #${bundleVerdict.firstSeq} to #${bundleVerdict.lastSeq}, head ${bundleVerdict.headHash?.slice(0, 16)}…`
            : bundleVerdict.firstBadSeq !== undefined
              ? `broken at event #${bundleVerdict.firstBadSeq}: ${bundleVerdict.reason}.`
              : `not verified: ${bundleVerdict.reason}.`}
          {bundleVerdict.anchor &&
            (bundleVerdict.anchor.ok
              ? ` Head signed by ${bundleVerdict.anchor.address}.`
              : ` Steward signature invalid: ${bundleVerdict.anchor.reason}.`)}
        </div>
      )}
      {auditEvents.length === 0 ? (
        <p className="empty">
          Nothing has happened in this workspace yet. Every change you make (a proposal, a signature, a budget) is
          recorded here with its hash; come back after your first action.
        </p>
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
