import { useEffect, useState, type FormEvent } from 'react'
import type { SignerInfo } from '../../../../shared/contract'

import { Busy, ErrorNote, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { useApp } from '../../store'
import { keysDelete, keysLock, keysSetActive, keysSetAutoLock, keysUnlock } from './mutations'

import { AddSigner, fields } from './AddSigner'
import { DemoSigners } from './DemoSigners'
import { ExportKeystore } from './ExportKeystore'

export function SignersPage() {
  const { keys, keysError, loadKeys, setKeys } = useApp()
  const [busyLabel, setBusyLabel] = useState<string | null>(null)
  const busy = busyLabel !== null
  const [error, setError] = useState<ShownError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [unlocking, setUnlocking] = useState<string | null>(null)

  useEffect(() => {
    void loadKeys()
  }, [loadKeys])

  async function run(work: () => Promise<string | void>, form?: HTMLFormElement, label = 'Working…') {
    setBusyLabel(label)
    setError(null)
    setNotice(null)
    try {
      const message = await work()
      if (message) setNotice(message)
      form?.reset()
      await loadKeys()
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusyLabel(null)
    }
  }

  async function unlock(event: FormEvent<HTMLFormElement>, signer: SignerInfo) {
    const form = event.currentTarget
    const f = fields(event)
    await run(
      async () => {
        await keysUnlock({ address: signer.address, passphrase: f.passphrase })
        setUnlocking(null)
        return `${signer.label} is unlocked.`
      },
      form,
      `Unlocking ${signer.label} (checking the passphrase takes about a second)…`,
    )
  }

  /** Closes a row's passphrase form and gives the focus back to that row's Unlock button. */
  function cancelUnlock(address: string) {
    setUnlocking(null)
    requestAnimationFrame(() => document.querySelector<HTMLButtonElement>(`button[data-unlock="${address}"]`)?.focus())
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
                  void run(async () => setKeys(await keysSetAutoLock({ minutes: Number(e.target.value) })))
                }
              >
                {[1, 2, 5, 10, 15, 30, 60, 120].map((m) => (
                  <option key={m} value={m}>
                    {m} min idle
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void run(async () => setKeys(await keysLock({})))}>
              Lock all
            </button>
          </>
        }
      />

      {busyLabel && <Busy label={busyLabel} testId="signers-busy" />}
      <ErrorNote error={error ?? keysError} />
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
        <table data-testid="signers-table">
          <thead>
            <tr>
              <th scope="col">Signer</th>
              <th scope="col">Address</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {signers.map((s) => (
              <tr key={s.address} data-testid={`signer-${s.label}`}>
                <td>{s.label}</td>
                <td className="mono small">{s.address}</td>
                <td>
                  {s.kind === 'watch' ? 'watch-only' : 'local key'}
                  {s.path && <div className="muted small mono">{s.path}</div>}
                </td>
                <td>
                  {s.kind === 'local' && (
                    <span className={s.unlocked ? 'chip ok' : 'chip'}>{s.unlocked ? 'Unlocked' : 'Locked'}</span>
                  )}{' '}
                  {s.active && <span className="chip">Active</span>}
                </td>
                <td>
                  <div className="row">
                    {s.kind === 'local' && !s.unlocked && unlocking !== s.address && (
                      <button type="button" data-unlock={s.address} onClick={() => setUnlocking(s.address)}>
                        Unlock
                      </button>
                    )}
                    {unlocking === s.address && (
                      <form
                        className="row"
                        aria-label={`Unlock ${s.label}`}
                        onSubmit={(e) => void unlock(e, s)}
                        onKeyDown={(e) => {
                          if (e.key === 'Escape') cancelUnlock(s.address)
                        }}
                      >
                        <label className="inline">
                          Passphrase of {s.label}
                          <input name="passphrase" type="password" autoComplete="current-password" autoFocus required />
                        </label>
                        <button type="submit" disabled={busy}>
                          {busy ? 'Unlocking…' : 'Unlock'}
                        </button>
                        <button type="button" onClick={() => cancelUnlock(s.address)}>
                          Cancel
                        </button>
                      </form>
                    )}
                    {s.unlocked && (
                      <button
                        type="button"
                        onClick={() => void run(async () => setKeys(await keysLock({ address: s.address })))}
                      >
                        Lock
                      </button>
                    )}
                    {s.unlocked && !s.active && (
                      <button
                        type="button"
                        onClick={() => void run(async () => setKeys(await keysSetActive({ address: s.address })))}
                      >
                        Make active
                      </button>
                    )}
                    {s.kind === 'local' && <ExportKeystore signer={s} run={run} busy={busy} />}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        const warning =
                          s.kind === 'local'
                            ? `Delete ${s.label}? Its keystore file is overwritten and removed. Without a backup (exported keystore or recovery phrase) the key is gone for good.`
                            : `Remove the watch-only signer ${s.label}?`
                        if (window.confirm(warning))
                          void run(async () => setKeys(await keysDelete({ address: s.address })))
                      }}
                    >
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <AddSigner run={run} busy={busy} setError={setError} />
    </section>
  )
}
