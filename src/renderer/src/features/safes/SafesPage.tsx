import { useState } from 'react'
import { Busy, ErrorNote } from '../../ui'
import { errorInfo, refreshWorkspaceInfo, useWorkspaceInfo, type ShownError } from '../../data'
import { switchSafe } from './mutations'
import { NativeCurrencyCard } from '../tokens'
import { useAllSafes, useChains, useSafes } from './queries'
import { ChainsTable, SafesTable } from './SafesTables'
import { AddSafeForm, DeploySafeForm } from './SafeForms'
import { ConnectChainForm } from './ConnectChainForm'

/** The workspace's Safes: add an existing one, or deploy a new one (Safe v1.4.1 through protocol-kit). */
export function SafesPage() {
  const workspace = useWorkspaceInfo()
  const safes = useSafes()
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<ShownError | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const { safes: allSafes } = useAllSafes()
  const chains = useChains()

  const run = async (what: string, work: () => Promise<string>) => {
    setBusy(what)
    setError(null)
    setMessage(null)
    try {
      setMessage(await work())
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setBusy(null)
    }
  }
  const forms = { busy: busy !== null, run }
  return (
    <section>
      <h1>Safes</h1>
      {safes.length === 0 && (
        <p className="empty">
          No Safe in this workspace yet. Add an existing Safe by its address below, or deploy a new one with its owners
          and threshold.
        </p>
      )}
      <SafesTable
        safes={allSafes ?? safes}
        busy={busy !== null}
        makeActive={(s) => void switchSafe(s.chainId, s.address).catch((e) => setError(errorInfo(e)))}
      />
      <ChainsTable chains={chains} />
      {busy && <Busy label={busy} />}
      <ErrorNote error={error} />
      {message && (
        <p role="status" className="banner ok" data-testid="safes-message">
          {message}
        </p>
      )}
      <div className="grid spaced-top">
        <AddSafeForm {...forms} chains={chains} activeChain={workspace?.chain?.name ?? '—'} />
        <DeploySafeForm
          {...forms}
          version={chains.find((c) => c.active)?.contractsVersion ?? '1.4.1'}
          sandbox={workspace?.chain?.isSandbox === true}
        />
        <ConnectChainForm
          {...forms}
          chain={workspace?.chain ?? null}
          then={async () => void (await refreshWorkspaceInfo())}
        />
      </div>
      {workspace?.chain && <NativeCurrencyCard chainId={workspace.chain.chainId} />}
    </section>
  )
}
