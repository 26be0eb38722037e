import { useState, type FormEvent } from 'react'
import { ApiError } from '../../../../shared/errors'
import { refreshWorkspaceInfo, useAction, useWorkspaceInfo } from '../../data'
import { ErrorNote, TextInput } from '../../ui'
import { chainConnect, safeAdd } from './mutations'
import { ViewProps } from './FirstRunStart'
import { ContractAddressFields, EMPTY_CONTRACTS, needsContracts, type ContractAddresses } from './ContractAddresses'
import { StepButtons } from './FirstRunButtons'

export function ChainView({ heading, onDone, onSkip }: ViewProps & { onDone(): void; onSkip(): void }) {
  const [rpcUrl, setRpcUrl] = useState('')
  const [chainId, setChainId] = useState('')
  const [chainName, setChainName] = useState('')
  // Shown once the endpoint answered but its Safe contracts are unknown (or hold no code at the canonical addresses).
  const [askContracts, setAskContracts] = useState(false)
  const [contracts, setContracts] = useState<ContractAddresses>(EMPTY_CONTRACTS)
  const { busy, error, run } = useAction()
  const info = useWorkspaceInfo()
  const name = info?.workspace?.name
  const connected = info?.chain
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const expected = Number(chainId)
    void run(async () => {
      if (!Number.isSafeInteger(expected) || expected <= 0)
        throw new Error('The expected chain ID is a whole number, e.g. 1 for Ethereum mainnet.')
      try {
        await chainConnect({
          rpcUrl: rpcUrl.trim(),
          expectChainId: expected,
          ...(chainName.trim() ? { name: chainName.trim() } : {}),
          ...(askContracts ? { contracts } : {}),
        })
      } catch (err) {
        if (err instanceof ApiError && needsContracts(err.details)) setAskContracts(true)
        throw err
      }
      await refreshWorkspaceInfo()
      onDone()
    })
  }
  const shownError = error && needsContracts(error.details) ? { message: error.message } : error
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        {connected ? `Connect another chain to “${name}”` : `Connect the chain of “${name}”`}
      </h1>
      <p className="muted">
        {connected
          ? 'A workspace holds the Safes of several chains (e.g. Ethereum, Arbitrum and Base). '
          : 'Step 2 of 3. '}
        The workspace reads and sends through this JSON-RPC endpoint; the chain ID it reports must be the one you
        expect, so a wrong or spoofed endpoint is refused.
      </p>
      <label htmlFor="firstrun-rpc">RPC URL</label>
      <TextInput
        id="firstrun-rpc"
        type="url"
        value={rpcUrl}
        onText={setRpcUrl}
        placeholder="https://…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-chainid">Expected chain ID</label>
      <TextInput
        id="firstrun-chainid"
        inputMode="numeric"
        value={chainId}
        onText={setChainId}
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-chainname">Chain name (optional)</label>
      <TextInput
        id="firstrun-chainname"
        value={chainName}
        onText={setChainName}
        maxLength={80}
        placeholder="e.g. Arbitrum One"
        autoComplete="off"
      />
      {askContracts && (
        <>
          <p className="muted" data-testid="firstrun-contracts-help">
            The app does not know where the Safe contracts are on this chain. Give their addresses (from the chain’s
            deployment, or your Safe’s own setup): each is checked for code on the chain, and the singleton’s VERSION()
            tells which Safe version (1.3.0 or 1.4.1) they are.
          </p>
          <ContractAddressFields
            idPrefix="firstrun-contracts"
            value={contracts}
            onChange={setContracts}
            disabled={busy}
          />
        </>
      )}
      <ErrorNote error={shownError} testId="firstrun-error" />
      {busy && (
        <p role="status" className="muted">
          {askContracts ? 'Checking each contract on the chain…' : 'Asking the endpoint for its chain ID…'}
        </p>
      )}
      <StepButtons
        busy={busy}
        needs={[rpcUrl, chainId]}
        go="Connect"
        back={connected ? 'Later (open the workspace)' : 'Later (open the workspace without a chain)'}
        onBack={onSkip}
      />
    </form>
  )
}

export function SafeView({ heading, onAdded, onDone }: ViewProps & { onAdded(): void; onDone(): void }) {
  const [address, setAddress] = useState('')
  const [label, setLabel] = useState('')
  const { busy, error, run } = useAction()
  const chain = useWorkspaceInfo()?.chain
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await safeAdd({ address: address.trim(), ...(label.trim() ? { label: label.trim() } : {}) })
      onAdded()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Add your Safe{chain ? ` on ${chain.name}` : ''}
      </h1>
      <p className="muted">
        Its version (1.3.0 or 1.4.1), owners, threshold and balances are read from the chain; an address that is not a
        Safe is refused. To deploy a new Safe instead, skip this step and use the Safes page.
      </p>
      <label htmlFor="firstrun-safe">Safe address</label>
      <TextInput
        id="firstrun-safe"
        className="mono"
        value={address}
        onText={setAddress}
        placeholder="0x…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-safe-label">Label (optional)</label>
      <TextInput id="firstrun-safe-label" value={label} onText={setLabel} maxLength={80} />
      <ErrorNote error={error} testId="firstrun-error" />
      <StepButtons
        busy={busy}
        needs={[address]}
        go={busy ? 'Reading the Safe…' : 'Add Safe'}
        back="Later"
        onBack={onDone}
      />
    </form>
  )
}
