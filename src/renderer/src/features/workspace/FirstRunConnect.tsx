import { useState, type FormEvent } from 'react'
import { useApp } from '../../store'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { chainConnect, safeAdd } from './mutations'
import { ViewProps } from './FirstRunStart'

export function ChainView({ heading, onDone, onSkip }: ViewProps & { onDone(): void; onSkip(): void }) {
  const [rpcUrl, setRpcUrl] = useState('')
  const [chainId, setChainId] = useState('')
  const { busy, error, run } = useAction()
  const name = useApp((s) => s.workspace?.workspace?.name)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const expected = Number(chainId)
    void run(async () => {
      if (!Number.isSafeInteger(expected) || expected <= 0)
        throw new Error('The expected chain ID is a whole number, e.g. 1 for Ethereum mainnet.')
      await chainConnect({ rpcUrl: rpcUrl.trim(), expectChainId: expected })
      onDone()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Connect the chain of “{name}”
      </h1>
      <p className="muted">
        Step 2 of 3. The workspace reads and sends through this JSON-RPC endpoint; the chain ID it reports must be the
        one you expect, so a wrong or spoofed endpoint is refused.
      </p>
      <label htmlFor="firstrun-rpc">RPC URL</label>
      <input
        id="firstrun-rpc"
        type="url"
        value={rpcUrl}
        onChange={(e) => setRpcUrl(e.target.value)}
        placeholder="https://…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-chainid">Expected chain ID</label>
      <input
        id="firstrun-chainid"
        inputMode="numeric"
        value={chainId}
        onChange={(e) => setChainId(e.target.value)}
        required
        autoComplete="off"
      />
      <ErrorNote error={error} testId="firstrun-error" />
      {busy && (
        <p role="status" className="muted">
          Asking the endpoint for its chain ID…
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !rpcUrl.trim() || !chainId.trim()}>
          Connect
        </button>
        <button type="button" onClick={onSkip} disabled={busy}>
          Later (open the workspace without a chain)
        </button>
      </div>
    </form>
  )
}

export function SafeView({ heading, onDone }: ViewProps & { onDone(): void }) {
  const [address, setAddress] = useState('')
  const [label, setLabel] = useState('')
  const { busy, error, run } = useAction()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await safeAdd({ address: address.trim(), ...(label.trim() ? { label: label.trim() } : {}) })
      onDone()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Add your Safe
      </h1>
      <p className="muted">
        Step 3 of 3. Its owners, threshold and balances are read from the chain; an address that is not a Safe is
        refused. To deploy a new Safe instead, skip this step and use the Safes page.
      </p>
      <label htmlFor="firstrun-safe">Safe address</label>
      <input
        id="firstrun-safe"
        className="mono"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        placeholder="0x…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-safe-label">Label (optional)</label>
      <input id="firstrun-safe-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
      <ErrorNote error={error} testId="firstrun-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !address.trim()}>
          {busy ? 'Reading the Safe…' : 'Add Safe'}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Later
        </button>
      </div>
    </form>
  )
}
