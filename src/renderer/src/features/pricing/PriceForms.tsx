import { useState } from 'react'
import type { Valuation } from '../../../../shared/contract'
import { useAction } from '../../data'
import { readTextFile } from '../../lib/files'
import { Card, ErrorNote, ActionForm, TextInput, draftFields } from '../../ui'
import { importPriceCsv, setFeed } from './mutations'
import { valueAmount } from './queries'

/** Imports a `date,token,price` CSV; a refused file lists every bad line and stores nothing. */
export function PriceCsvCard({ currency }: { currency: string }) {
  const [source, setSource] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const { busy, error, run } = useAction()
  return (
    <Card title="Import prices (CSV)" testId="price-csv">
      <p className="muted small">
        Columns <code>date,token,price</code>: a UTC day (YYYY-MM-DD), the token&apos;s address, symbol or{' '}
        <code>native</code>, and its price in {currency}. Name where the prices come from; it is shown with every value.
      </p>
      <div className="row">
        <label className="grow">
          Source
          <TextInput
            value={source}
            onText={setSource}
            placeholder="e.g. CoinGecko daily close, exported 2026-12-01"
            data-testid="price-source"
          />
        </label>
        <label>
          Price CSV
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            data-testid="price-file"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (!file) return
              setDone(null)
              void run(async () => {
                // The browser host caps a request at 4 MiB: a larger file is refused here, by name, before it is sent.
                const csv = await readTextFile(file, 4 * 1024 * 1024)
                const r = await importPriceCsv({ csv, source: source.trim() || file.name })
                setDone(`${r.rows} prices stored from ${r.source}${r.replaced ? ` (${r.replaced} replaced)` : ''}.`)
              })
            }}
          />
        </label>
      </div>
      {done && (
        <p role="status" data-testid="price-imported">
          {done}
        </p>
      )}
      <ErrorNote error={error} testId="price-csv-error" />
    </Card>
  )
}

/** Names a Chainlink-style AggregatorV3Interface feed for a token; the app reads its decimals and description. */
export function FeedForm() {
  const [draft, setDraft] = useState({ token: '', feed: '', maxAgeHours: '25' })
  const field = draftFields(draft, setDraft)
  const { busy, error, run } = useAction()
  const submit = () => {
    void run(() =>
      setFeed({
        token: draft.token.trim(),
        feed: draft.feed.trim(),
        maxAgeSeconds: Math.round(Number(draft.maxAgeHours) * 3600),
      }),
    )
  }
  return (
    <ActionForm className="row" label="Price feed" onSubmit={submit}>
      <label className="grow">
        Token (address or native)
        <TextInput {...field('token')} required />
      </label>
      <label className="grow">
        Feed address
        <TextInput {...field('feed')} required />
      </label>
      <TextInput label="Max age (hours)" inputMode="decimal" {...field('maxAgeHours')} />
      <button type="submit" disabled={busy}>
        Use this feed
      </button>
      <ErrorNote error={error} testId="feed-error" />
    </ActionForm>
  )
}

export function valuationText(v: Valuation): string {
  if (!v.priced) return `no price: ${v.reason}`
  const from =
    v.source.kind === 'feed'
      ? `feed ${v.source.description} round ${v.source.roundId} at block ${v.source.block}`
      : `CSV ${v.source.importSource}, price of ${v.source.day}`
  return `${v.value} ${v.currency} (price ${v.price}; ${from})`
}

/** Values one amount at a block or a day, as reports do: shows the source, or why there is no price. */
export function ValueCheckCard() {
  const [draft, setDraft] = useState({ token: 'native', amount: '', at: '' })
  const field = draftFields(draft, setDraft)
  const [answer, setAnswer] = useState<Valuation | null>(null)
  const { busy, error, run } = useAction()
  const submit2 = () => {
    void run(async () => {
      const at = draft.at.trim()
      const moment = /^\d+$/.test(at)
        ? { block: Number(at) }
        : { time: Math.floor(Date.parse(`${at.length === 10 ? `${at}T12:00:00Z` : at}`) / 1000) }
      setAnswer(await valueAmount({ token: draft.token.trim(), amount: draft.amount.trim(), ...moment }))
    })
  }
  return (
    <Card title="Value an amount" testId="value-check">
      <ActionForm className="row" label="Value an amount" onSubmit={submit2}>
        <label className="grow">
          Token
          <TextInput {...field('token')} required />
        </label>
        <label className="grow">
          Amount (base units)
          <TextInput inputMode="numeric" {...field('amount')} required />
        </label>
        <label className="grow">
          Block, or day (YYYY-MM-DD)
          <TextInput {...field('at')} required />
        </label>
        <button type="submit" disabled={busy}>
          Value
        </button>
      </ActionForm>
      {answer && (
        <p role="status" data-testid="value-answer">
          {valuationText(answer)}
          {answer.notes.map((n) => (
            <span key={n} className="muted small">
              {' '}
              · {n}
            </span>
          ))}
        </p>
      )}
      <ErrorNote error={error} testId="value-error" />
    </Card>
  )
}
