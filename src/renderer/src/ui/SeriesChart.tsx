import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { timeTick } from './timeTicks'
import './SeriesChart.css'

export interface ChartPoint {
  /** The label as the data table prints it. */
  label: string
  /** For time axes: the instant, ms since the epoch. */
  time?: number
  /** Only for drawing: the exact figure is `text`, in the tooltip and in the table beside the chart. */
  value: number
  text: string
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 })

/**
 * One dataset of a series, drawn with recharts: a line over a time axis (instants at their real distance) or bars
 * over categories, with a tooltip giving the exact figure and a legend naming the dataset. The chart is an image to
 * assistive technology (named by `title`); the table beside it carries the numbers.
 */
export function SeriesChart({
  title,
  name,
  axis,
  points,
}: {
  title: string
  name: string
  axis: 'time' | 'category'
  points: ChartPoint[]
}) {
  const times = points.map((p) => p.time ?? 0)
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0
  const tooltip = (
    <Tooltip
      formatter={(_value, _name, item) => [(item.payload as ChartPoint).text, name]}
      labelFormatter={(label, payload) => {
        const point = payload?.[0]?.payload as ChartPoint | undefined
        return point?.time !== undefined
          ? `${new Date(point.time).toISOString().replace('T', ' ').slice(0, 19)} UTC`
          : String(label)
      }}
    />
  )
  const yAxis = <YAxis width={64} tickFormatter={(v: number) => compact.format(v)} />
  return (
    <div className="series-chart" role="img" aria-label={title}>
      <ResponsiveContainer width="100%" height={220}>
        {axis === 'time' ? (
          <LineChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="series-grid" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(ms: number) => timeTick(ms, span)}
              minTickGap={24}
            />
            {yAxis}
            {tooltip}
            <Legend />
            <Line type="stepAfter" dataKey="value" name={name} stroke="currentColor" dot isAnimationActive={false} />
          </LineChart>
        ) : (
          <BarChart data={points} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="series-grid" vertical={false} />
            <XAxis dataKey="label" type="category" interval="preserveStartEnd" />
            {yAxis}
            {tooltip}
            <Legend />
            <Bar dataKey="value" name={name} fill="currentColor" isAnimationActive={false} />
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  )
}
