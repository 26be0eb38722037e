import { useState } from 'react'
import { formatUnits } from 'ethers'
import type { AnalyticsDataset, AnalyticsSeries } from '../../../../shared/contract'
import { errorInfo } from '../../data'
import { humanAmount } from '../../lib/format'
import { Busy, ErrorNote, PageHead, PeriodPicker, SeriesChart } from '../../ui'
import { useAnalytics } from './queries'
import { GovernanceRisksPanel } from './GovernanceRisksPanel'

/**
 * Charts a council member reads at a glance, each with its exact numbers in a table. Every series the main process
 * computes is drawn the same way, so a new one (budgets, proposals, governance) needs no new page code.
 */
export function AnalyticsPage() {
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({})
  const analytics = useAnalytics(period)

  return (
    <section>
      <PageHead title="Analytics" intro={<>From the chain and the audit trail: nothing here is entered by hand.</>} />
      <PeriodPicker onShow={setPeriod} busy={analytics.isFetching} />
      <ErrorNote error={analytics.error ? errorInfo(analytics.error) : null} />
      {analytics.isFetching && <Busy label="Reading the chain and the audit trail…" />}
      {analytics.data && (
        <div className="grid analytics">
          {analytics.data.series.map((s) => (
            <SeriesCard key={s.id} series={s} />
          ))}
        </div>
      )}
      <GovernanceRisksPanel />
    </section>
  )
}

function SeriesCard({ series }: { series: AnalyticsSeries }) {
  const headingId = `series-${series.id}`
  return (
    <article className="card" aria-labelledby={headingId} data-testid={`series-${series.id}`}>
      <h2 id={headingId}>{series.title}</h2>
      <p className="muted small">{series.description}</p>
      {series.empty ? (
        <p className="empty-series">{series.empty}</p>
      ) : (
        series.datasets.map((d) => (
          <figure key={d.label} className="series-figure">
            <figcaption>{d.label}</figcaption>
            <SeriesChart
              title={`${series.title}: ${d.label}`}
              name={d.label}
              axis={series.axis}
              points={series.labels.map((label, i) => ({
                label: labelText(series, label),
                time: series.axis === 'time' ? instantOf(label) : undefined,
                value: numeric(d, d.values[i]),
                text: valueText(d, d.values[i]),
              }))}
            />
            <table className="series-table">
              <caption className="visually-hidden">
                {series.title}: {d.label}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{series.axis === 'time' ? 'When (UTC)' : 'Item'}</th>
                  <th scope="col" className="num">
                    {d.label}
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.labels.map((label, i) => (
                  <tr key={`${label}-${i}`}>
                    <td className={series.axis === 'time' ? 'mono small' : 'small'}>{labelText(series, label)}</td>
                    <td className="num mono">{valueText(d, d.values[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        ))
      )}
      {series.note && <p className="muted small">{series.note}</p>}
    </article>
  )
}

function labelText(series: AnalyticsSeries, label: string): string {
  return series.axis === 'time' && label.length > 10 ? label.replace('T', ' ').slice(0, 19) : label
}

/** A time label (a UTC day or an ISO instant) as ms since the epoch, for the chart's time axis. */
function instantOf(label: string): number {
  return Date.parse(label.length === 10 ? `${label}T00:00:00Z` : label)
}

function valueText(d: AnalyticsDataset, value: string): string {
  return d.decimals === 0 ? Number(value).toLocaleString() : humanAmount(value, d.decimals, 4)
}

/** For bar lengths only; the table shows the exact figure. */
function numeric(d: AnalyticsDataset, value: string): number {
  return d.decimals === 0 ? Number(value) : Number(formatUnits(BigInt(value), d.decimals))
}
