import { useState } from 'react'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { keysLock, keysSetAutoLock } from './mutations'
import { AddSigner } from './AddSigner'
import { DemoSigners } from './DemoSigners'
import { SignersTable } from './SignersTable'
import { useKeys } from './queries'

export function SignersPage() {
  const query = useKeys()
  const keys = query.data
  const [busyLabel, setBusyLabel] = useState<string | null>(null)
  const busy = busyLabel !== null
  const [error, setError] = useState<ShownError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  async function run(work: () => Promise<string | void>, form?: HTMLFormElement, label = 'Working…') {
    setBusyLabel(label)
    setError(null)
    setNotice(null)
    try {
      const message = await work()
      if (message) setNotice(message)
      form?.reset()
      await query.refetch()
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusyLabel(null)
    }
  }

  const signers = keys?.signers ?? []
  return (
    <section>
      <PageHead
        title="Signers"
        intro={
          <>
            Keys stay encrypted on this computer (scrypt keystores) and are unlocked only in the app&apos;s main
            process, never in this window.
          </>
        }
        actions={
          <>
            <label className="inline">
              Lock after
              <select
                aria-label="Auto-lock after minutes idle"
                value={keys?.autoLockMinutes ?? 5}
                onChange={(e) =>
                  void run(async () => void (await keysSetAutoLock({ minutes: Number(e.target.value) })))
                }
              >
                {[1, 2, 5, 10, 15, 30, 60, 120].map((m) => (
                  <option key={m} value={m}>
                    {m} min idle
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void run(async () => void (await keysLock({})))}>
              Lock all
            </button>
          </>
        }
      />

      {busyLabel && <Busy label={busyLabel} testId="signers-busy" />}
      <ErrorNote error={error ?? (query.error ? errorInfo(query.error) : null)} />
      {notice && (
        <p role="status" className="banner ok">
          {notice}
        </p>
      )}

      {keys?.sandbox && <DemoSigners run={run} busy={busy} signers={signers} />}

      {signers.length === 0 ? (
        <p className="empty">
          No signers yet. Add one below: create a new key, import one, or add a watch-only address
          {keys?.sandbox ? ', or import the three demo signers above to try signing in the sandbox' : ''}.
        </p>
      ) : (
        <SignersTable signers={signers} run={run} busy={busy} />
      )}

      <AddSigner run={run} busy={busy} setError={setError} />
    </section>
  )
}
