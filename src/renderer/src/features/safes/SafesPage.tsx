import { useEffect, useState } from 'react'
import { useApp } from '../../store'
import { Busy, ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { chainConnect, safeAdd, safeDeploy, switchSafe } from './mutations'
import type { ChainListItem, SafeListItem } from '../../../../shared/contract'
import { NativeCurrencyCard } from '../tokens'
import { fetchChains, useAllSafes } from './queries'

/** The workspace's Safes: add an existing one, or deploy a new one (Safe v1.4.1 through protocol-kit). */
export function SafesPage() {
  const { safes, workspace } = useApp()
  const load = useApp((s) => s.loadAddressBook)
  const [existing, setExisting] = useState('')
  const [existingLabel, setExistingLabel] = useState('')
  const [owners, setOwners] = useState('')
  const [threshold, setThreshold] = useState('1')
  const [label, setLabel] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<ShownError | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [rpcUrl, setRpcUrl] = useState('')
  const [chainName, setChainName] = useState('')
  const [contracts, setContracts] = useState('')
  const loadWorkspace = useApp((s) => s.loadWorkspace)
  const { safes: allSafes, reload: reloadAll } = useAllSafes()
  const [chains, setChains] = useState<ChainListItem[]>([])
  const [addOnChain, setAddOnChain] = useState('')

  useEffect(() => {
    void load()
    void fetchChains().then(setChains, () => setChains([]))
  }, [load])

  const run = async (what: string, work: () => Promise<string>) => {
    setBusy(what)
    setError(null)
    setMessage(null)
    try {
      setMessage(await work())
      await Promise.all([load(), reloadAll(), fetchChains().then(setChains)])
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <section>
      <h1>Safes</h1>
      {safes.length === 0 && (
        <p className="empty">
          No Safe in this workspace yet. Add an existing Safe by its address below, or deploy a new one with its owners
          and threshold.
        </p>
      )}
      <table data-testid="safes-table">
        <thead>
          <tr>
            <th scope="col">Safe</th>
            <th scope="col">Chain</th>
            <th scope="col">Address</th>
            <th scope="col">Version</th>
            <th scope="col">Synced</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {(allSafes ?? (safes as SafeListItem[])).map((s) => (
            <tr key={`${s.chainId}:${s.address}`}>
              <td>{s.label ?? '—'}</td>
              <td>{s.chainName ?? s.chainId}</td>
              <td className="mono">{s.address}</td>
              <td>{s.version ? `v${s.version}` : '—'}</td>
              <td className="small">{s.asOf ? new Date(s.asOf).toLocaleString() : 'not yet'}</td>
              <td>
                {s.active ? (
                  'Active'
                ) : (
                  <button
                    type="button"
                    disabled={busy !== null}
                    onClick={() => void switchSafe(s.chainId, s.address).catch((e) => setError(errorInfo(e)))}
                  >
                    Make active
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {chains.length > 0 && (
        <>
          <h2 className="spaced-top">Chains</h2>
          <table data-testid="chains-table">
            <thead>
              <tr>
                <th scope="col">Chain</th>
                <th scope="col">Chain ID</th>
                <th scope="col">RPC</th>
                <th scope="col">Safe contracts</th>
                <th scope="col">Safes</th>
              </tr>
            </thead>
            <tbody>
              {chains.map((c) => (
                <tr key={c.chainId} aria-current={c.active ? 'true' : undefined}>
                  <td>
                    {c.name}
                    {c.active ? ' (active)' : ''}
                  </td>
                  <td>{c.chainId}</td>
                  <td className="mono small">{c.rpcUrl}</td>
                  <td>
                    {c.contracts === 'custom'
                      ? `own addresses${c.contractsVersion ? ` (v${c.contractsVersion})` : ''}`
                      : 'safe-deployments'}
                  </td>
                  <td>{c.safes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {busy && <Busy label={busy} />}
      <ErrorNote error={error} />
      {message && (
        <p role="status" className="banner ok" data-testid="safes-message">
          {message}
        </p>
      )}
      <div className="grid spaced-top">
        <form
          className="card form"
          aria-labelledby="add-h"
          onSubmit={(e) => {
            e.preventDefault()
            void run('Reading the Safe from the chain…', async () => {
              const o = await safeAdd({
                address: existing.trim(),
                label: existingLabel || undefined,
                ...(addOnChain ? { chainId: Number(addOnChain) } : {}),
              })
              return `Added ${o.address}: ${o.threshold} of ${o.owners.length}, nonce ${o.nonce}.`
            })
          }}
        >
          <h2 id="add-h">Add an existing Safe</h2>
          <label>
            Address
            <input className="mono" value={existing} onChange={(e) => setExisting(e.target.value)} required />
          </label>
          <label>
            Label
            <input value={existingLabel} onChange={(e) => setExistingLabel(e.target.value)} maxLength={80} />
          </label>
          {chains.length > 1 && (
            <label>
              Chain
              <select value={addOnChain} onChange={(e) => setAddOnChain(e.target.value)}>
                <option value="">The active chain ({workspace?.chain?.name ?? '—'})</option>
                {chains
                  .filter((c) => !c.active)
                  .map((c) => (
                    <option key={c.chainId} value={String(c.chainId)}>
                      {c.name} (chain {c.chainId})
                    </option>
                  ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy !== null}>
            Add
          </button>
        </form>
        <form
          className="card form"
          aria-labelledby="deploy-h"
          onSubmit={(e) => {
            e.preventDefault()
            void run('Deploying the Safe and waiting for its block…', async () => {
              const list = owners
                .split(/[\s,]+/)
                .map((o) => o.trim())
                .filter(Boolean)
              const o = await safeDeploy({
                owners: list,
                threshold: Number(threshold),
                label: label || undefined,
              })
              return `Deployed ${o.address} (${o.threshold} of ${o.owners.length}) in ${o.txHash}; gas paid by ${
                o.payerKind === 'sandbox_node_account' ? 'the sandbox node account' : 'your key'
              } ${o.payer}.`
            })
          }}
        >
          <h2 id="deploy-h">Deploy a new Safe</h2>
          <label>
            Owners (one address per line)
            <textarea className="mono" rows={3} value={owners} onChange={(e) => setOwners(e.target.value)} required />
          </label>
          <div className="row">
            <label>
              Threshold
              <input value={threshold} onChange={(e) => setThreshold(e.target.value)} inputMode="numeric" required />
            </label>
            <label className="grow">
              Label
              <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
            </label>
          </div>
          <p className="muted small">
            Safe v{chains.find((c) => c.active)?.contractsVersion ?? '1.4.1'} through its proxy factory, on the active
            chain.{' '}
            {workspace?.chain?.isSandbox ? 'The sandbox node account pays the gas.' : 'An unlocked key pays the gas.'}
          </p>
          <button className="primary" type="submit" disabled={busy !== null}>
            {busy ? 'Working…' : 'Deploy'}
          </button>
        </form>
        <form
          className="card form"
          aria-labelledby="chain-h"
          onSubmit={(e) => {
            e.preventDefault()
            void run('Connecting to the chain…', async () => {
              let custom
              if (contracts.trim()) {
                try {
                  custom = JSON.parse(contracts)
                } catch {
                  throw new Error('The contract addresses are not valid JSON.')
                }
              }
              const c = await chainConnect({
                rpcUrl: rpcUrl.trim(),
                name: chainName || undefined,
                contracts: custom,
              })
              await loadWorkspace()
              return `Connected ${c.name} (chain ${c.chainId}); Safe contracts from ${c.contracts}.`
            })
          }}
        >
          <h2 id="chain-h">Connect a chain by RPC URL</h2>
          <p className="muted small">
            Now: {workspace?.chain ? `${workspace.chain.name} (chain ${workspace.chain.chainId})` : 'no chain'}. The
            chainId is read from the endpoint; Safe contract addresses come from safe-deployments for the chains it
            lists.
          </p>
          <label>
            RPC URL
            <input
              className="mono"
              value={rpcUrl}
              onChange={(e) => setRpcUrl(e.target.value)}
              required
              placeholder="https://…"
            />
          </label>
          <label>
            Name
            <input value={chainName} onChange={(e) => setChainName(e.target.value)} maxLength={80} />
          </label>
          <label>
            Contract addresses, for a chain safe-deployments does not list (JSON: safeSingletonAddress,
            safeProxyFactoryAddress, multiSendAddress, …)
            <textarea className="mono" rows={3} value={contracts} onChange={(e) => setContracts(e.target.value)} />
          </label>
          <button type="submit" disabled={busy !== null}>
            Connect
          </button>
        </form>
      </div>
      {workspace?.chain && <NativeCurrencyCard chainId={workspace.chain.chainId} />}
    </section>
  )
}
