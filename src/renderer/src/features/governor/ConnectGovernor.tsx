import { useState, type FormEvent } from 'react'
import { ErrorNote, TextInput } from '../../ui'
import { useConnectGovernor, useDeploySandboxGovernor } from './mutations'

/** Connect a Governor by address (with the Safe and module it drives), or deploy the set on the sandbox. */
export function ConnectGovernor({ sandbox }: { sandbox: boolean }) {
  const connect = useConnectGovernor()
  const deploy = useDeploySandboxGovernor()
  const [address, setAddress] = useState('')
  const [safe, setSafe] = useState('')
  const [module, setModule] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void connect.run({
      address: address.trim(),
      ...(safe.trim() ? { safe: safe.trim() } : {}),
      ...(module.trim() ? { module: module.trim() } : {}),
    })
  }
  return (
    <div className="stack">
      {sandbox && (
        <p>
          <button onClick={() => void deploy.run({})} disabled={deploy.busy}>
            Deploy the sandbox Governor
          </button>{' '}
          <span className="muted">
            Governor, timelock and module for the demo Safe; the module enabled by its owners.
          </span>
        </p>
      )}
      <ErrorNote error={deploy.error} />
      <form className="stack" onSubmit={submit} aria-label="Connect a Governor">
        <TextInput label="Governor address" value={address} onText={setAddress} required placeholder="0x…" />
        <TextInput label="Safe it executes on (optional)" value={safe} onText={setSafe} placeholder="0x…" />
        <TextInput label="Safe module (optional, with the Safe)" value={module} onText={setModule} placeholder="0x…" />
        <ErrorNote error={connect.error} />
        <button type="submit" disabled={connect.busy}>
          Connect the Governor
        </button>
      </form>
    </div>
  )
}
