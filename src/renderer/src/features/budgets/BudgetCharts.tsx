import { Bar, BarChart, LabelList, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts'
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

const ROW_HEIGHT = 34

/** Per line: spent, committed and remaining as shares of its allocation (lines differ in token, so each is 100%). */
export function AllocationChart({ lines }: { lines: ReviewLine[] }) {
  const data = lines.map((l) => {
    const spent = Math.min(100, pct(l.spent, l.allocated))
    const committed = Math.min(100 - spent, pct(l.committed, l.allocated))
    const over = BigInt(l.remaining) < 0n
    return {
      name: `${l.category} · ${l.symbol}`,
      spent,
      committed,
      remaining: 100 - spent - committed,
      note: over ? 'over budget' : `${Math.round(spent + committed)}% used`,
    }
  })
  return (
    <div
      className="chart budget-chart"
      role="img"
      aria-label="Allocation per budget line: spent, committed and remaining"
      data-testid="allocation-chart"
    >
      <ResponsiveContainer width="100%" height={lines.length * ROW_HEIGHT + 10}>
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ top: 5, right: 90, bottom: 5 }}>
          <XAxis type="number" domain={[0, 100]} hide />
          <YAxis type="category" dataKey="name" width={150} axisLine={false} tickLine={false} />
          <Bar dataKey="spent" stackId="line" className="bar-spent" barSize={16} isAnimationActive={false} />
          <Bar dataKey="committed" stackId="line" className="bar-committed" barSize={16} isAnimationActive={false} />
          <Bar dataKey="remaining" stackId="line" className="bar-track" barSize={16} isAnimationActive={false}>
            <LabelList dataKey="note" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}

/** Cumulative spent on one line over its period, from chain-confirmed executions, against its allocation. */
export function BurnChart({ line, startsOn, endsOn }: { line: ReviewLine; startsOn: string; endsOn: string }) {
  const start = Date.parse(`${startsOn}T00:00:00Z`)
  const end = Date.parse(`${endsOn}T23:59:59Z`)
  const top = [line.allocated, ...line.burn.map((b) => b.spent)].reduce((a, b) => (BigInt(b) > BigInt(a) ? b : a))
  const clamp = (t: number) => Math.min(Math.max(t, start), end)
  // A step line: flat between executions, a jump at each one (heights as shares of the top, exact in bigint).
  const data = [
    { time: start, share: 0 },
    ...line.burn.map((b) => ({ time: clamp(Date.parse(b.at)), share: pct(b.spent, top) })),
  ]
  data.push({ time: clamp(Date.now()), share: data[data.length - 1].share })
  const spent = humanAmount(line.spent, line.decimals)
  const allocated = humanAmount(line.allocated, line.decimals)
  return (
    <figure className="burn">
      <div
        className="chart budget-chart"
        role="img"
        aria-label={`Burn of ${line.category} ${line.symbol}: ${spent} spent of ${allocated}`}
      >
        <ResponsiveContainer width="100%" height={110}>
          <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 10, bottom: 0, left: 10 }}>
            <XAxis
              dataKey="time"
              type="number"
              domain={[start, end]}
              ticks={[start, end]}
              tickFormatter={(t: number) => (t === start ? startsOn : endsOn)}
            />
            <YAxis domain={[0, 100]} hide />
            <ReferenceLine y={pct(line.allocated, top)} className="alloc-line" />
            <Line type="stepAfter" dataKey="share" className="burn-line" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="small muted">
        {line.category} · {line.symbol}: {spent} spent of {allocated}
      </figcaption>
    </figure>
  )
}
