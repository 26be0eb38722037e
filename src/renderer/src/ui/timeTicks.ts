const pad = (n: number) => String(n).padStart(2, '0')
const utcDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
const utcTime = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`

/** Tick text fitting the span shown: days over a long period, day and time over a short one. */
export function timeTick(ms: number, spanMs: number): string {
  const d = new Date(ms)
  if (spanMs >= 3 * 86_400_000) return utcDay(d)
  if (spanMs >= 3_600_000) return `${utcDay(d).slice(5)} ${utcTime(d)}`
  return `${utcTime(d)}:${pad(d.getUTCSeconds())}`
}
