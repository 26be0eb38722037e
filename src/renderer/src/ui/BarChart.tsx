import { useId } from 'react'

export interface BarDatum {
  label: string
  /** Only for drawing: the exact figure is in `text` and in the table beside the chart. */
  value: number
  text: string
}

/**
 * A bar chart drawn as plain SVG: geometry in attributes and colours from the stylesheet, so it lives within the
 * strict CSP (no style tags, no inline style). The numbers are in an accessible table next to it; the SVG carries
 * a title for screen readers and is otherwise decorative.
 */
export function BarChart({ title, data }: { title: string; data: BarDatum[] }) {
  const titleId = useId()
  const width = 560
  const height = 160
  const labelHeight = 18
  const max = Math.max(...data.map((d) => d.value), 0)
  const slot = data.length ? width / data.length : width
  const barWidth = Math.max(2, Math.min(48, slot * 0.7))
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height + labelHeight}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>{title}</title>
      <line className="chart-axis" x1={0} x2={width} y1={height} y2={height} />
      {data.map((d, i) => {
        const h = max > 0 ? Math.max(d.value > 0 ? 1 : 0, (d.value / max) * (height - 14)) : 0
        const x = i * slot + (slot - barWidth) / 2
        return (
          <g key={`${d.label}-${i}`}>
            <rect className="chart-bar" x={x} y={height - h} width={barWidth} height={h}>
              <title>{`${d.label}: ${d.text}`}</title>
            </rect>
            {data.length <= 12 && (
              <text className="chart-value" x={x + barWidth / 2} y={height - h - 3} textAnchor="middle">
                {d.text}
              </text>
            )}
          </g>
        )
      })}
      {data.length > 0 && (
        <>
          <text className="chart-label" x={2} y={height + 13}>
            {data[0].label}
          </text>
          {data.length > 1 && (
            <text className="chart-label" x={width - 2} y={height + 13} textAnchor="end">
              {data[data.length - 1].label}
            </text>
          )}
        </>
      )}
    </svg>
  )
}
