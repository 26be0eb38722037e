import { useState } from 'react'
import { errorInfo, useAction } from '../../data'
import { ErrorNote, FileButton, ActionForm, TextInput } from '../../ui'
import { readTextFile } from '../../lib/files'
import type { TokenListImport } from '../../../../shared/contract'
import { NativeCurrencyCard } from './NativeCurrencyCard'
import { DiscoverCard } from './DiscoverCard'
import { TokensTable } from './TokensTable'
import { useTokenRegistry } from './queries'
import { addToken, importTokenList } from './mutations'

/** `#/tokens`: the token registry of the active chain. */
export function TokensPage() {
  const query = useTokenRegistry()
  const registry = query.data
  const [address, setAddress] = useState('')
  const [imported, setImported] = useState<TokenListImport | null>(null)
  const add = useAction()
  const list = useAction()

  const submit = () => {
    void add.run(async () => {
      await addToken({ address: address.trim() })
      setAddress('')
    })
  }
  return (
    <section>
      <header className="page-head">
        <div>
          <h1>Tokens</h1>
          <p className="muted">
            The ERC-20 tokens this workspace knows on chain {registry?.chainId ?? '…'}: by address, from a token list,
            or discovered from the Safes’ history. Amounts everywhere use each token’s own decimals.
          </p>
        </div>
        <div className="head-actions">
          <FileButton
            accept=".json,application/json"
            label="Token list file"
            onFile={async (file) => {
              const json = await readTextFile(file, 20 * 1024 * 1024)
              await list.run(async () => setImported(await importTokenList({ json })))
            }}
          >
            Import token list…
          </FileButton>
        </div>
      </header>
      <ErrorNote error={query.error ? errorInfo(query.error) : list.error} testId="tokens-error" />
      {imported && (
        <p role="status" className="banner small" data-testid="list-imported">
          “{imported.listName}”: {imported.added} added, {imported.updated} updated
          {imported.otherChains.length > 0 &&
            `; kept for other chains: ${imported.otherChains.map((o) => `${o.count} on chain ${o.chainId}`).join(', ')}`}
          .
        </p>
      )}
      {registry?.duplicates.map((d) => (
        <p key={d.symbol} role="alert" className="banner warn small" data-testid={`duplicate-${d.symbol}`}>
          {d.addresses.length} tokens use the symbol {d.symbol}: {d.addresses.join(', ')}. Check which one a payment
          means, and hide the one you do not hold on purpose.
        </p>
      ))}
      <ActionForm className="row card" label="Add a token by address" onSubmit={submit}>
        <label className="grow">
          Token contract address
          <TextInput className="mono" value={address} onText={setAddress} placeholder="0x…" required />
        </label>
        <button className="primary" type="submit" disabled={add.busy}>
          {add.busy ? 'Reading the contract…' : 'Add token'}
        </button>
      </ActionForm>
      <ErrorNote error={add.error} testId="add-token-error" />
      <div className="grid">
        <DiscoverCard />
        <NativeCurrencyCard />
      </div>
      <article className="card" aria-labelledby="tokens-h">
        <h2 id="tokens-h">Registered tokens</h2>
        <TokensTable tokens={registry?.tokens} loading={query.isPending} />
      </article>
      {registry && registry.refused.length > 0 && (
        <article className="card" aria-labelledby="refused-h" data-testid="refused-tokens">
          <h2 id="refused-h">Found but not registered</h2>
          <p className="muted small">
            These contracts sent or received a Transfer to a Safe but failed the ERC-20 reads.
          </p>
          <ul className="plain small">
            {registry.refused.map((r) => (
              <li key={r.address}>
                <span className="mono">{r.address}</span>: {r.reason}
              </li>
            ))}
          </ul>
        </article>
      )}
      {registry && registry.otherChains.length > 0 && (
        <p className="muted small">
          Kept from imported lists for chains not in this workspace:{' '}
          {registry.otherChains.map((o) => `${o.count} on chain ${o.chainId}`).join(', ')}.
        </p>
      )}
    </section>
  )
}
