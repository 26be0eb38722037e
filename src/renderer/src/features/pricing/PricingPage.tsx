import { useEffect, useState } from 'react'
import type { PriceFeedView, PricedTokenView, PriceImportView } from '../../../../shared/contract'
import { errorInfo, useAction } from '../../data'
import { AddressCell, Card, DataTable, ErrorNote, PageHead, type Column, ActionForm, TextInput } from '../../ui'
import { removeFeed, setCurrency } from './mutations'
import { usePricingOverview } from './queries'
import { FeedForm, PriceCsvCard, ValueCheckCard } from './PriceForms'

const feedColumns: Column<PriceFeedView>[] = [
  { id: 'token', header: 'Token', cell: (f) => f.symbol, rowHeader: true },
  { id: 'feed', header: 'Feed', cell: (f) => <AddressCell address={f.feed} /> },
  { id: 'desc', header: 'Description', cell: (f) => f.description },
  { id: 'dec', header: 'Decimals', cell: (f) => f.decimals, numeric: 'plain' },
  { id: 'age', header: 'Max age', cell: (f) => `${(f.maxAgeSeconds / 3600).toFixed(1)} h`, numeric: 'plain' },
]

const tokenColumns: Column<PricedTokenView>[] = [
  { id: 'token', header: 'Token', cell: (t) => t.symbol, rowHeader: true },
  { id: 'currency', header: 'Currency', cell: (t) => t.currency },
  { id: 'days', header: 'Days priced', cell: (t) => t.days, numeric: 'plain' },
  { id: 'span', header: 'From – to', cell: (t) => `${t.firstDay} – ${t.lastDay}` },
  { id: 'last', header: 'Last price', cell: (t) => t.lastPrice, numeric: true },
]

const importColumns: Column<PriceImportView>[] = [
  { id: 'source', header: 'Source', cell: (i) => i.source, rowHeader: true },
  { id: 'rows', header: 'Rows', cell: (i) => i.rows, numeric: 'plain' },
  { id: 'currency', header: 'Currency', cell: (i) => i.currency },
  { id: 'at', header: 'Imported', cell: (i) => i.importedAt.slice(0, 16).replace('T', ' ') },
  { id: 'hash', header: 'SHA-256', cell: (i) => <code title={i.sha256}>{i.sha256.slice(0, 12)}…</code> },
]

/** Values in a reporting currency: the currency, the feeds read on chain, and the price CSVs the steward imported. */
export function PricingPage() {
  const overview = usePricingOverview()
  const data = overview.data
  const [draft, setDraft] = useState('')
  const { busy, error, run } = useAction()
  useEffect(() => {
    if (data) setDraft(data.currency)
  }, [data])
  const submit = () => {
    void run(() => setCurrency({ currency: draft.trim().toUpperCase() }))
  }
  return (
    <section className="page" aria-labelledby="pricing-h" data-testid="pricing-page">
      <PageHead
        title={<span id="pricing-h">Prices</span>}
        intro="Transfers are valued in the reporting currency at their block: from the token's on-chain feed where one is named, else from an imported price CSV. A value with no price says so."
      />
      <Card title="Reporting currency" testId="reporting-currency">
        <ActionForm className="row" label="Reporting currency" onSubmit={submit}>
          <TextInput label="Currency code" value={draft} onText={setDraft} maxLength={5} required />
          <button type="submit" disabled={busy || draft.trim().toUpperCase() === data?.currency}>
            Save
          </button>
        </ActionForm>
        <p className="muted small">
          Prices keep the currency they were imported in: after a change, import prices in the new currency.
        </p>
        <ErrorNote error={error} testId="currency-error" />
      </Card>
      <Card title="On-chain price feeds (AggregatorV3Interface)" testId="price-feeds">
        <DataTable
          rows={data?.feeds}
          columns={feedColumns}
          rowKey={(f) => f.token}
          loading={overview.isLoading}
          error={overview.error ? errorInfo(overview.error) : null}
          empty="No feed named: values come from the price CSVs."
          rowActions={(f) => (
            <button type="button" onClick={() => void run(() => removeFeed({ token: f.token }))}>
              Remove
            </button>
          )}
          actionsLabel="Actions"
          label="Price feeds"
        />
        <FeedForm />
      </Card>
      <PriceCsvCard currency={data?.currency ?? 'USD'} />
      <Card title="Prices held" testId="priced-tokens">
        <DataTable
          rows={data?.tokens}
          columns={tokenColumns}
          rowKey={(t) => `${t.token}:${t.currency}`}
          empty="No price imported yet."
          label="Prices held per token"
        />
        <DataTable
          rows={data?.imports}
          columns={importColumns}
          rowKey={(i) => i.id}
          empty="No price file imported yet."
          label="Price imports"
        />
      </Card>
      <ValueCheckCard />
    </section>
  )
}
