import type { GovernanceState } from '../../../../shared/contract'

/** Basis points as a percentage, e.g. 250 → "2.5 %". */
export function pct(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return '—'
  return `${(bps / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} %`
}

/** Share of `part` in `whole` (base-unit strings) in basis points, computed exactly. */
export function shareBps(part: string, whole: string | null): number {
  if (!whole || BigInt(whole) === 0n) return 0
  return Number((BigInt(part) * 10_000n) / BigInt(whole))
}

export function when(unixSeconds: number | null | undefined): string {
  if (unixSeconds === null || unixSeconds === undefined) return '—'
  return new Date(unixSeconds * 1000).toISOString().replace('T', ' ').slice(0, 19) + ' UTC'
}

export function duration(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds > 0) return `${seconds / 86_400} d`
  if (seconds % 3_600 === 0 && seconds > 0) return `${seconds / 3_600} h`
  if (seconds % 60 === 0 && seconds > 0) return `${seconds / 60} min`
  return `${seconds} s`
}

/** Blocks as an approximate duration at 12 s a block (Ethereum mainnet), for reading only. */
export function blocksAbout(blocks: number): string {
  const seconds = blocks * 12
  if (seconds >= 86_400) return `≈ ${(seconds / 86_400).toLocaleString(undefined, { maximumFractionDigits: 1 })} d`
  if (seconds >= 3_600) return `≈ ${(seconds / 3_600).toLocaleString(undefined, { maximumFractionDigits: 1 })} h`
  return `≈ ${Math.max(1, Math.round(seconds / 60))} min`
}

export type ClockMode = 'blocknumber' | 'timestamp'

/**
 * What a voting delay or period counts under the token's ERC-6372 clock: blocks, or seconds for a timestamp clock
 * (the rules' `*Blocks` fields hold clock units; the names are those of the signed proposal format, version 1).
 */
export function clockUnit(mode: ClockMode | undefined): 'blocks' | 'seconds' {
  return mode === 'timestamp' ? 'seconds' : 'blocks'
}

/** A voting delay or period in the token's clock units, with its reading as a duration. */
export function clockSpan(value: number, mode: ClockMode | undefined): string {
  if (mode !== 'timestamp') return `${value.toLocaleString()} blocks (${blocksAbout(value)})`
  const readable = duration(value)
  return readable === `${value} s` ? readable : `${value.toLocaleString()} s (${readable})`
}

/** A point on the token's clock: a block number, or a unix time for a timestamp clock. */
export function clockPoint(value: number, mode: ClockMode | undefined): string {
  return mode === 'timestamp' ? when(value) : `block #${value}`
}

export const STATE_TONE: Record<GovernanceState, 'neutral' | 'live' | 'ok' | 'bad' | 'warn'> = {
  Pending: 'neutral',
  Active: 'live',
  Canceled: 'neutral',
  Defeated: 'bad',
  Succeeded: 'ok',
  Queued: 'warn',
  Expired: 'bad',
  Executed: 'ok',
}

export function StateChip({ state }: { state: GovernanceState }) {
  return (
    <span className={`chip state-${STATE_TONE[state]}`} data-testid="state-chip">
      {state}
    </span>
  )
}
