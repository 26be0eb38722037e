import type { Db } from '../db/open'
import { GENESIS_HASH } from './hash-chain'

/**
 * A period chosen by a person: `from` and `to` are UTC calendar days (YYYY-MM-DD, both inclusive) or instants
 * (ISO 8601 with a zone; `to` inclusive to the millisecond). Either may be open.
 */
export interface PeriodInput {
  from?: string
  to?: string
}

/** The same period as half-open instants [fromIso, toIso), comparable with the stored `at` text. */
export interface Period {
  fromIso: string | null
  toIso: string | null
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

export function parsePeriodBound(value: string, end: boolean): string {
  if (DAY.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`)
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value)
      throw new RangeError(`"${value}" is not a calendar date`)
    return end ? new Date(start.getTime() + 86_400_000).toISOString() : start.toISOString()
  }
  const instant = new Date(value)
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(instant.getTime())
  )
    throw new RangeError(`"${value}" is not a date (YYYY-MM-DD) or an ISO 8601 time with a zone`)
  return end ? new Date(instant.getTime() + 1).toISOString() : instant.toISOString()
}

export function toPeriod(input: PeriodInput): Period {
  const period: Period = {
    fromIso: input.from ? parsePeriodBound(input.from, false) : null,
    toIso: input.to ? parsePeriodBound(input.to, true) : null,
  }
  if (period.fromIso && period.toIso && period.fromIso >= period.toIso)
    throw new RangeError(`the period ends (${input.to}) before it starts (${input.from})`)
  return period
}

/**
 * A contiguous slice of the chain: the events whose time falls in the period, widened to every event between the
 * first and the last of them (a clock set back must not leave holes in an export that has to verify).
 */
export interface AuditSlice {
  firstSeq: number
  lastSeq: number
  events: number
  /** The hash before the first event (genesis for #1). */
  prevHash: string
  headHash: string
}

export function auditSlice(db: Db, period: Period): AuditSlice | null {
  const bounds = db
    .prepare('SELECT min(seq) AS first, max(seq) AS last FROM audit_events WHERE at >= ? AND at < ?')
    .get(period.fromIso ?? '', period.toIso ?? '\uffff') as { first: number | null; last: number | null }
  if (bounds.first === null || bounds.last === null) return null
  const hashOf = db.prepare('SELECT hash FROM audit_events WHERE seq = ?').pluck()
  const prevHash = bounds.first === 1 ? GENESIS_HASH : (hashOf.get(bounds.first - 1) as string | undefined)
  if (prevHash === undefined) throw new Error(`audit event #${bounds.first - 1} is missing: the chain has a gap`)
  return {
    firstSeq: bounds.first,
    lastSeq: bounds.last,
    events: bounds.last - bounds.first + 1,
    prevHash,
    headHash: hashOf.get(bounds.last) as string,
  }
}
