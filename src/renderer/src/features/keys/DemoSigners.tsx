import { MIN_PASSPHRASE } from '../../../../shared/contract/keys'
import type { SignerInfo } from '../../../../shared/contract'
import { fields, type RunAction } from './AddSigner'
import { keysImportSandboxSigners } from './mutations'

/** In the sandbox only: the warning that its keys are public, and the import of the three demo signers. */
export function DemoSigners({ run, busy, signers }: { run: RunAction; busy: boolean; signers: SignerInfo[] }) {
  return (
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
                await keysImportSandboxSigners({ passphrase: f.passphrase })
                return 'The three demo signers are imported and unlocked.'
              },
              form,
              'Encrypting the three demo keys (a few seconds)…',
            )
          }}
        >
          <label className="inline">
            Passphrase for the demo keystores
            <input name="passphrase" type="password" autoComplete="new-password" minLength={MIN_PASSPHRASE} required />
          </label>
          <button type="submit" disabled={busy}>
            Import the demo signers
          </button>
        </form>
      )}
    </div>
  )
}
