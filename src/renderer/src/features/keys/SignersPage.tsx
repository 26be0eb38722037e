import { useEffect, useState, type FormEvent } from 'react'
import type { PendingMnemonic, SignerInfo } from '../../../../shared/contract'
import { MIN_PASSPHRASE } from '../../../../shared/contract/keys'
import { Busy, ErrorNote, PageHead } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { downloadText } from '../../lib/files'
import { useApp } from '../../store'
import {
  keysConfirmMnemonic,
  keysCreate,
  keysCreateMnemonic,
  keysDelete,
  keysExport,
  keysImport,
  keysImportSandboxSigners,
  keysLock,
  keysSetActive,
  keysSetAutoLock,
  keysUnlock,
  keysWatch,
} from './mutations'

type AddMode = 'random' | 'mnemonic' | 'privateKey' | 'importMnemonic' | 'keystore' | 'watch'

const MODES: Array<{ id: AddMode; label: string }> = [
  { id: 'random', label: 'New key' },
  { id: 'mnemonic', label: 'New recovery phrase' },
  { id: 'privateKey', label: 'Import a private key' },
  { id: 'importMnemonic', label: 'Import a recovery phrase' },
  { id: 'keystore', label: 'Import a keystore file' },
  { id: 'watch', label: 'Watch-only address' },
]

/** A form's fields by name, read on submit: uncontrolled inputs keep secrets out of the store. */
function fields(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault()
  return Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, String(v)]))
}

function checkPassphrase(f: Record<string, string>): void {
  if ((f.passphrase ?? '').length < MIN_PASSPHRASE)
    throw new Error(`A passphrase has at least ${MIN_PASSPHRASE} characters.`)
  if (f.passphrase !== f.passphrase2) throw new Error('The two passphrases differ.')
}

function PassphraseFields() {
  return (
    <>
      <label>
        Passphrase (encrypts the key on this computer)
        <input name="passphrase" type="password" autoComplete="new-password" required minLength={MIN_PASSPHRASE} />
      </label>
      <label>
        Passphrase again
        <input name="passphrase2" type="password" autoComplete="new-password" required />
      </label>
    </>
  )
}

export function SignersPage() {
  const { keys, keysError, loadKeys, setKeys } = useApp()
  const [mode, setMode] = useState<AddMode>('random')
  const [busyLabel, setBusyLabel] = useState<string | null>(null)
  const busy = busyLabel !== null
  const [error, setError] = useState<ShownError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [pending, setPending] = useState<PendingMnemonic | null>(null)
  const [phraseWritten, setPhraseWritten] = useState(false)
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

  async function add(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget
    const f = fields(event)
    await run(
      async () => {
        if (mode === 'watch') {
          const s = await keysWatch({ label: f.label, address: f.address.trim() })
          return `${s.label} added (watch-only).`
        }
        if (mode === 'mnemonic') {
          if (!pending) return
          checkPassphrase(f)
          const words = pending.confirm.map((i) => f[`word${i}`] ?? '')
          const s = await keysConfirmMnemonic({
            id: pending.id,
            words,
            label: f.label,
            passphrase: f.passphrase,
          })
          setPending(null)
          setPhraseWritten(false)
          return `${s.label} created from the recovery phrase (${s.path}).`
        }
        checkPassphrase(f)
        if (mode === 'random') {
          const s = await keysCreate({ label: f.label, passphrase: f.passphrase })
          return `${s.label} created. Export its keystore file as a backup.`
        }
        if (mode === 'privateKey') {
          const s = await keysImport({
            label: f.label,
            passphrase: f.passphrase,
            source: { kind: 'privateKey', privateKey: f.privateKey.trim() },
          })
          return `${s.label} imported.`
        }
        if (mode === 'importMnemonic') {
          const s = await keysImport({
            label: f.label,
            passphrase: f.passphrase,
            source: { kind: 'mnemonic', mnemonic: f.mnemonic, index: Number(f.index || '0') },
          })
          return `${s.label} imported (${s.path}).`
        }
        const file = (form.elements.namedItem('keystoreFile') as HTMLInputElement).files?.[0]
        if (!file) throw new Error('Choose a keystore file.')
        const s = await keysImport({
          label: f.label,
          passphrase: f.passphrase,
          source: { kind: 'keystore', json: await file.text(), keystorePassphrase: f.keystorePassphrase },
        })
        return `${s.label} imported from ${file.name}.`
      },
      form,
      mode === 'watch' ? 'Adding…' : 'Encrypting the key (scrypt: about a second)…',
    )
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

      {keys?.sandbox && (
        <div className="banner warn" role="note">
          <p>
            <strong>Sandbox workspace.</strong> Signers made here are deleted when the sandbox restarts. The demo
            signers&apos; keys are public test keys: never use them on a real chain.
          </p>
          {!['Alice (demo)', 'Bob (demo)', 'Carol (demo)'].every((l) => signers.some((s) => s.label === l)) && (
            <form
              className="row"
              onSubmit={(e) => {
                const form = e.currentTarget
                const f = fields(e)
                void run(
                  async () => {
                    setKeys(await keysImportSandboxSigners({ passphrase: f.passphrase }))
                    return 'The three demo signers are imported and unlocked.'
                  },
                  form,
                  'Encrypting the three demo keys (a few seconds)…',
                )
              }}
            >
              <label className="inline">
                Passphrase for the demo keystores
                <input
                  name="passphrase"
                  type="password"
                  autoComplete="new-password"
                  minLength={MIN_PASSPHRASE}
                  required
                />
              </label>
              <button type="submit" disabled={busy}>
                Import the demo signers
              </button>
            </form>
          )}
        </div>
      )}

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
                    {s.kind === 'local' && (
                      <button
                        type="button"
                        onClick={() =>
                          void run(async () => {
                            const file = await keysExport({ address: s.address })
                            downloadText(file.fileName, file.json)
                            return `Encrypted keystore of ${s.label} saved as ${file.fileName}.`
                          })
                        }
                      >
                        Export keystore
                      </button>
                    )}
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

      <article className="card add-signer" aria-labelledby="add-signer-h">
        <h2 id="add-signer-h">Add a signer</h2>
        <div className="tabs" role="radiogroup" aria-label="How to add a signer">
          {MODES.map((m) => (
            <label key={m.id} className={mode === m.id ? 'tab selected' : 'tab'}>
              <input
                type="radio"
                name="add-mode"
                value={m.id}
                checked={mode === m.id}
                onChange={() => {
                  setMode(m.id)
                  setError(null)
                }}
              />
              {m.label}
            </label>
          ))}
        </div>

        {mode === 'mnemonic' && !pending && (
          <div className="stack">
            <p>
              A new 24-word recovery phrase is shown once. Write it on paper and keep it offline: it is the only way to
              restore this signer.
            </p>
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  setPending(await keysCreateMnemonic({}))
                  setPhraseWritten(false)
                })
              }
            >
              Show a new recovery phrase
            </button>
          </div>
        )}
        {mode === 'mnemonic' && pending && !phraseWritten && (
          <div className="stack">
            <ol className="words" aria-label="Recovery phrase" data-testid="recovery-phrase">
              {pending.words.map((w, i) => (
                <li key={i} className="mono">
                  {w}
                </li>
              ))}
            </ol>
            <button type="button" className="primary" onClick={() => setPhraseWritten(true)}>
              I wrote it down
            </button>
          </div>
        )}

        {(mode !== 'mnemonic' || (pending && phraseWritten)) && (
          <form className="stack" onSubmit={(e) => void add(e)} key={mode}>
            <label>
              Label
              <input name="label" required maxLength={80} placeholder="e.g. Treasurer laptop" />
            </label>
            {mode === 'mnemonic' &&
              pending?.confirm.map((i) => (
                <label key={i}>
                  Word #{i + 1} of your recovery phrase
                  <input name={`word${i}`} autoComplete="off" spellCheck={false} required />
                </label>
              ))}
            {mode === 'privateKey' && (
              <label>
                Private key (64 hex digits)
                <input name="privateKey" type="password" autoComplete="off" spellCheck={false} required />
              </label>
            )}
            {mode === 'importMnemonic' && (
              <>
                <label>
                  Recovery phrase (12–24 words)
                  <textarea name="mnemonic" rows={3} autoComplete="off" spellCheck={false} required />
                </label>
                <label>
                  Account index (m/44&apos;/60&apos;/0&apos;/0/<em>i</em>)
                  <input name="index" type="number" min={0} defaultValue={0} required />
                </label>
              </>
            )}
            {mode === 'keystore' && (
              <>
                <label>
                  Keystore file (Web3 Secret Storage JSON)
                  <input name="keystoreFile" type="file" accept=".json,application/json" required />
                </label>
                <label>
                  The file&apos;s passphrase
                  <input name="keystorePassphrase" type="password" autoComplete="off" required />
                </label>
              </>
            )}
            {mode === 'watch' ? (
              <label>
                Address
                <input name="address" required autoComplete="off" spellCheck={false} placeholder="0x…" />
              </label>
            ) : (
              <PassphraseFields />
            )}
            <div className="row">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Working…' : mode === 'watch' ? 'Add watch-only signer' : 'Add signer'}
              </button>
              {mode === 'mnemonic' && (
                <button
                  type="button"
                  onClick={() => {
                    setPending(null)
                    setPhraseWritten(false)
                  }}
                >
                  Start over
                </button>
              )}
            </div>
          </form>
        )}
      </article>
    </section>
  )
}
