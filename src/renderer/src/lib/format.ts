import { formatUnits } from 'ethers'

/** Human amount from base units, grouped for reading, never through a float. */
export function humanAmount(baseUnits: string, decimals: number, maxFraction = 6): string {
  const text = formatUnits(BigInt(baseUnits), decimals)
  const [whole, fraction = ''] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const trimmed = fraction.slice(0, maxFraction).replace(/0+$/, '')
  return trimmed ? `${grouped}.${trimmed}` : grouped
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 60) return `${seconds} s ago`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  return new Date(iso).toLocaleString()
}
