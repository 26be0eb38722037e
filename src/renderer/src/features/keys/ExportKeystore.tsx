import { useState, type FormEvent } from 'react'
import type { SignerInfo } from '../../../../shared/contract'
import { downloadText } from '../../lib/files'
import { keysExport } from './mutations'
import { fields, type RunAction } from './AddSigner'

type Run = RunAction

/** A local signer's Export button; the keystore leaves only with its passphrase, checked by the main process. */
export function ExportKeystore({ signer, run, busy }: { signer: SignerInfo; run: Run; busy: boolean }) {
  const [open, setOpen] = useState(false)

  async function exportKeystore(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget
    const f = fields(event)
    await run(
      async () => {
        const file = await keysExport({ address: signer.address, passphrase: f.passphrase })
        downloadText(file.fileName, file.json)
        setOpen(false)
        return `Encrypted keystore of ${signer.label} saved as ${file.fileName}.`
      },
      form,
      `Checking the passphrase of ${signer.label}…`,
    )
  }

  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Export keystore
      </button>
    )
  return (
    <form
      className="row"
      aria-label={`Export ${signer.label}`}
      onSubmit={(e) => void exportKeystore(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false)
      }}
    >
      <label className="inline">
        Passphrase of {signer.label} (to export)
        <input name="passphrase" type="password" autoComplete="current-password" autoFocus required />
      </label>
      <button type="submit" disabled={busy}>
        Export
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  )
}
