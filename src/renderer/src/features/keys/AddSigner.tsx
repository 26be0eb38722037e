import { useState, type FormEvent } from 'react'
import type { PendingMnemonic } from '../../../../shared/contract'
import { MIN_PASSPHRASE } from '../../../../shared/contract/keys'
import { type ShownError } from '../../data'
import { keysConfirmMnemonic, keysCreate, keysCreateMnemonic, keysImport, keysWatch } from './mutations'

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
export function fields(event: FormEvent<HTMLFormElement>): Record<string, string> {
  event.preventDefault()
  return Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, String(v)]))
}

function checkPassphrase(f: Record<string, string>): void {
  if ((f.passphrase ?? '').length < MIN_PASSPHRASE)
    throw new Error(`A passphrase has at least ${MIN_PASSPHRASE} characters.`)
  if (f.passphrase !== f.passphrase2) throw new Error('The two passphrases differ.')
}

export function PassphraseFields() {
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

export type RunAction = (work: () => Promise<string | void>, form?: HTMLFormElement, label?: string) => Promise<void>

/** Add a signer: a new key, a new or imported recovery phrase, a private key, a keystore file, or watch-only. */
export function AddSigner({
  run,
  busy,
  setError,
}: {
  run: RunAction
  busy: boolean
  setError(error: ShownError | null): void
}) {
  const [mode, setMode] = useState<AddMode>('random')
  const [pending, setPending] = useState<PendingMnemonic | null>(null)
  const [phraseWritten, setPhraseWritten] = useState(false)

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

  return (
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
  )
}
