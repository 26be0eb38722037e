import { useState, type FormEvent } from 'react'
import type { SignerInfo } from '../../../../shared/contract'
import { DataTable, type Column } from '../../ui'
import { keysDelete, keysLock, keysSetActive, keysUnlock } from './mutations'
import { fields, type RunAction } from './AddSigner'
import { ExportKeystore } from './ExportKeystore'

const COLUMNS: Column<SignerInfo>[] = [
  { id: 'label', header: 'Signer', cell: (s) => s.label, sortValue: (s) => s.label },
  { id: 'address', header: 'Address', cell: (s) => s.address, className: 'mono small' },
  {
    id: 'kind',
    header: 'Kind',
    cell: (s) => (
      <>
        {s.kind === 'watch' ? 'watch-only' : 'local key'}
        {s.path && <div className="muted small mono">{s.path}</div>}
      </>
    ),
  },
  {
    id: 'state',
    header: 'State',
    cell: (s) => (
      <>
        {s.kind === 'local' && (
          <span className={s.unlocked ? 'chip ok' : 'chip'}>{s.unlocked ? 'Unlocked' : 'Locked'}</span>
        )}{' '}
        {s.active && <span className="chip">Active</span>}
      </>
    ),
  },
]

function deleteWarning(s: SignerInfo): string {
  return s.kind === 'local'
    ? `Delete ${s.label}? Its keystore file is overwritten and removed. Without a backup (exported keystore or recovery phrase) the key is gone for good.`
    : `Remove the watch-only signer ${s.label}?`
}

/** The signers with what each allows: unlock (its passphrase asked in the row), lock, make active, export, delete. */
export function SignersTable({ signers, run, busy }: { signers: SignerInfo[]; run: RunAction; busy: boolean }) {
  const [unlocking, setUnlocking] = useState<string | null>(null)

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

  const actions = (s: SignerInfo) => (
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
        <button type="button" onClick={() => void run(async () => void (await keysLock({ address: s.address })))}>
          Lock
        </button>
      )}
      {s.unlocked && !s.active && (
        <button type="button" onClick={() => void run(async () => void (await keysSetActive({ address: s.address })))}>
          Make active
        </button>
      )}
      {s.kind === 'local' && <ExportKeystore signer={s} run={run} busy={busy} />}
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(deleteWarning(s))) void run(async () => void (await keysDelete({ address: s.address })))
        }}
      >
        Delete
      </button>
    </div>
  )
  return (
    <DataTable
      rows={signers}
      columns={COLUMNS}
      rowKey={(s) => s.address}
      rowTestId={(s) => `signer-${s.label}`}
      rowActions={actions}
      testId="signers-table"
    />
  )
}
