import { useState, type ChangeEvent } from 'react'
import type { AuditBundleVerdict } from '../../../../shared/contract'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { errorInfo, useAction } from '../../data'
import { useAuditEvents, useAuditVerdict } from './queries'
import { verifyBundle } from './mutations'
import { AuditTable } from './AuditTable'

/** Above this a bundle is checked with the CLI (`treasury audit verify FILE`), which streams it. */
const IN_APP_LIMIT = 3_000_000

export function AuditPage() {
  const events = useAuditEvents()
  const verdict = useAuditVerdict()
  const auditVerdict = verdict.data
  const [bundleVerdict, setBundleVerdict] = useState<(AuditBundleVerdict & { fileName: string }) | null>(null)
  const [tooLarge, setTooLarge] = useState<string | null>(null)
  const verifying = useAction()
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setTooLarge(null)
    if (file.size > IN_APP_LIMIT) {
      setTooLarge(
        `${file.name} is ${Math.round(file.size / 1e6)} MB: check it with \`treasury audit verify ${file.name}\` instead.`,
      )
      return
    }
    setBundleVerdict(null)
    await verifying.run(async () =>
      setBundleVerdict({ ...(await verifyBundle(await file.text())), fileName: file.name }),
    )
  }
  const loadError = events.error ?? verdict.error

  return (
    <section>
      <PageHead
        title="Audit trail"
        intro={<>{events.data?.total ?? 0} events, each chained to the one before it by SHA-256.</>}
        actions={
          <>
            <button
              onClick={() => void verifying.run(() => verdict.refetch({ throwOnError: true }))}
              disabled={verifying.busy}
            >
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
      <ErrorNote error={tooLarge ?? (loadError ? errorInfo(loadError) : null) ?? verifying.error} />
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
      <AuditTable events={events.data?.events} loading={events.isLoading} />
    </section>
  )
}
