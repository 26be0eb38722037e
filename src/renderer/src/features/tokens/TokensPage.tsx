import { useCallback, useEffect, useState } from 'react'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { AddressLabel } from '../addressbook'
import { readTextFile } from '../../lib/files'
import type { TokenListImport, TokenRegistry } from '../../../../shared/contract'
import { NativeCurrencyCard } from './NativeCurrencyCard'
import { DiscoverCard } from './DiscoverCard'
import { fetchTokens } from './queries'
import { addToken, hideToken, importTokenList, removeToken } from './mutations'

/** `#/tokens`: the token registry of the active chain. */
export function TokensPage() {
  const [registry, setRegistry] = useState<TokenRegistry | null>(null)
  const [address, setAddress] = useState('')
  const [imported, setImported] = useState<TokenListImport | null>(null)
  const load = useAction()
  const add = useAction()
  const list = useAction()
  const row = useAction()

  const reload = useCallback(() => load.run(async () => setRegistry(await fetchTokens())), [load])
  useEffect(() => {
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

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
          <label className="file-button">
            Import token list…
            <input
              type="file"
              accept=".json,application/json"
              aria-label="Token list file"
              onChange={async (e) => {
                const file = e.target.files?.[0]
                e.target.value = ''
                if (!file) return
                const json = await readTextFile(file, 20 * 1024 * 1024)
                await list.run(async () => {
                  setImported(await importTokenList({ json }))
                  await reload()
                })
              }}
            />
          </label>
        </div>
      </header>
      <ErrorNote error={load.error ?? list.error} testId="tokens-error" />
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
      <form
        className="row card"
        aria-label="Add a token by address"
        onSubmit={(e) => {
          e.preventDefault()
          void add.run(async () => {
            await addToken({ address: address.trim() })
            setAddress('')
            await reload()
          })
        }}
      >
        <label className="grow">
          Token contract address
          <input
            className="mono"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            placeholder="0x…"
            required
          />
        </label>
        <button className="primary" type="submit" disabled={add.busy}>
          {add.busy ? 'Reading the contract…' : 'Add token'}
        </button>
      </form>
      <ErrorNote error={add.error} testId="add-token-error" />
      <div className="grid">
        <DiscoverCard onChange={() => void reload()} />
        <NativeCurrencyCard />
      </div>
      <article className="card" aria-labelledby="tokens-h">
        <h2 id="tokens-h">Registered tokens</h2>
        <ErrorNote error={row.error} testId="token-row-error" />
        {registry && registry.tokens.length === 0 ? (
          <p className="muted">No token yet: add one by address, import a list or discover them.</p>
        ) : (
          <table data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Name</th>
                <th scope="col">Address</th>
                <th scope="col" className="num">
                  Decimals
                </th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {registry?.tokens.map((t) => (
                <tr key={t.address} data-testid={`token-${t.address}`} className={t.hidden ? 'muted' : undefined}>
                  <td>
                    {t.symbol}
                    {t.hidden && ' (hidden)'}
                  </td>
                  <td>{t.name}</td>
                  <td>
                    <AddressLabel address={t.address} />
                  </td>
                  <td className="num">{t.decimals}</td>
                  <td className="small">{t.source}</td>
                  <td className="row">
                    <button
                      disabled={row.busy}
                      onClick={() =>
                        void row.run(async () => {
                          await hideToken({ address: t.address, hidden: !t.hidden })
                          await reload()
                        })
                      }
                    >
                      {t.hidden ? `Show ${t.symbol}` : `Hide ${t.symbol}`}
                    </button>
                    <button
                      disabled={row.busy}
                      onClick={() =>
                        void row.run(async () => {
                          await removeToken({ address: t.address })
                          await reload()
                        })
                      }
                    >
                      Remove {t.symbol}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
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
