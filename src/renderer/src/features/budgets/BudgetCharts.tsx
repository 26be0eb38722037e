import type { BudgetReview } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'

type ReviewLine = BudgetReview['lines'][number]

/** Part of a whole as a percentage with two decimals, computed in bigint so large amounts stay exact. */
function pct(part: string, whole: string): number {
  const w = BigInt(whole)
  if (w <= 0n) return 0
  const p = BigInt(part) < 0n ? 0n : BigInt(part)
  return Number((p * 10000n) / w) / 100
}

/** Per line: spent, committed and remaining as shares of its allocation (lines differ in token, so each is 100%). */
export function AllocationChart({ lines }: { lines: ReviewLine[] }) {
  const rowHeight = 34
  const height = lines.length * rowHeight + 10
  return (
    <svg
      className="chart"
      viewBox={`0 0 440 ${height}`}
      role="img"
      aria-label="Allocation per budget line: spent, committed and remaining"
      data-testid="allocation-chart"
    >
      <title>Allocation per line</title>
      {lines.map((l, i) => {
        const spent = Math.min(100, pct(l.spent, l.allocated))
        const committed = Math.min(100 - spent, pct(l.committed, l.allocated))
        const over = BigInt(l.remaining) < 0n
        const y = 5 + i * rowHeight
        return (
          <g key={l.id}>
            <text x="0" y={y + 16} className="chart-label">
              {l.category} · {l.symbol}
            </text>
            <rect x="150" y={y + 4} width="200" height="16" className="bar-track" />
            <rect x="150" y={y + 4} width={2 * spent} height="16" className="bar-spent" />
            <rect x={150 + 2 * spent} y={y + 4} width={2 * committed} height="16" className="bar-committed" />
            <text x="358" y={y + 16} className={over ? 'chart-label over' : 'chart-label'}>
              {over ? 'over budget' : `${Math.round(spent + committed)}% used`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}

/** Cumulative spent on one line over its period, from chain-confirmed executions, against its allocation. */
export function BurnChart({ line, startsOn, endsOn }: { line: ReviewLine; startsOn: string; endsOn: string }) {
  const w = 280
  const h = 110
  const start = Date.parse(`${startsOn}T00:00:00Z`)
  const end = Date.parse(`${endsOn}T23:59:59Z`)
  const top = [line.allocated, ...line.burn.map((b) => b.spent)].reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a))
  const x = (t: number) => 10 + ((Math.min(Math.max(t, start), end) - start) / (end - start || 1)) * (w - 20)
  const y = (v: string) => h - 15 - (pct(v, top) / 100) * (h - 30)
  // A step line: flat between executions, a jump at each one.
  let level = y('0')
  const points = [`${x(start)},${level}`]
  for (const b of line.burn) {
    const t = Date.parse(b.at)
    points.push(`${x(t)},${level}`)
    level = y(b.spent)
    points.push(`${x(t)},${level}`)
  }
  points.push(`${x(Math.min(Math.max(Date.now(), start), end))},${level}`)
  return (
    <figure className="burn">
      <svg
        className="chart"
        viewBox={`0 0 ${w} ${h}`}
        role="img"
        aria-label={`Burn of ${line.category} ${line.symbol}: ${humanAmount(line.spent, line.decimals)} spent of ${humanAmount(line.allocated, line.decimals)}`}
      >
        <line x1="10" x2={w - 10} y1={y(line.allocated)} y2={y(line.allocated)} className="alloc-line" />
        <polyline points={points.join(' ')} className="burn-line" fill="none" />
        <text x="10" y={h - 2} className="chart-label small">
          {startsOn}
        </text>
        <text x={w - 10} y={h - 2} className="chart-label small" textAnchor="end">
          {endsOn}
        </text>
      </svg>
      <figcaption className="small muted">
        {line.category} · {line.symbol}: {humanAmount(line.spent, line.decimals)} spent of{' '}
        {humanAmount(line.allocated, line.decimals)}
      </figcaption>
    </figure>
  )
}
