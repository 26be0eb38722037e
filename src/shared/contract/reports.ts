import { z } from 'zod'
import { call } from './define'
import { address, empty } from './primitives'

export type ExportFormat = 'csv' | 'json' | 'pdf'

/** A running or finished export. The file lives in the workspace's exports folder; only its name crosses the API. */
export interface ExportJob {
  id: string
  format: ExportFormat
  state: 'running' | 'done' | 'failed' | 'cancelled'
  fileName: string
  phase: string
  done: number
  total: number
  /** Seconds left at the current pace; null until there is a pace to extrapolate. */
  etaSeconds: number | null
  startedAt: string
  finishedAt: string | null
  bytes: number | null
  events: number | null
  headHash: string | null
  /** SHA-256 (hex) of the finished file, as its audit event records it. */
  sha256: string | null
  /** The steward whose EIP-191 signature over the head is in the bundle. */
  signedBy: string | null
  error: string | null
}

export interface ExportFile {
  name: string
  bytes: number
  modifiedAt: string
}

export interface AnalyticsDataset {
  label: string
  /** 0 for counts; a token's decimals for amounts (values are then base units). */
  decimals: number
  /** Decimal integer strings, one per label. */
  values: string[]
}

export interface AnalyticsSeries {
  id: string
  title: string
  description: string
  /** 'time': labels are dates or instants in order; 'category': labels are names. */
  axis: 'time' | 'category'
  labels: string[]
  /** Each dataset is drawn on its own scale (the native coin and a token never share an axis). */
  datasets: AnalyticsDataset[]
  /** Why there is nothing to show (no data recorded yet), or null. */
  empty: string | null
  note?: string
}

export interface AnalyticsOverview {
  from: string | null
  to: string | null
  generatedAt: string
  series: AnalyticsSeries[]
}

const DAY_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/

/** A UTC day (YYYY-MM-DD, inclusive) or an ISO 8601 instant with a zone. */
export const periodBound = z
  .string()
  .trim()
  .regex(DAY_OR_INSTANT, 'use a date (YYYY-MM-DD) or an ISO 8601 time with a zone')
  .refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)), 'not a real date')

export const periodSchema = {
  from: periodBound.optional(),
  to: periodBound.optional(),
}

export const reportsContract = {
  /** Starts an export off the main thread; poll `exports.status` for progress. */
  'exports.start': call<ExportJob>()(
    z
      .object({
        format: z.enum(['csv', 'json', 'pdf']),
        ...periodSchema,
        /** JSON only: sign the head with this unlocked steward key (EIP-191). */
        stewardAddress: address.optional(),
      })
      .strict(),
  ),
  'exports.status': call<ExportJob>()(z.object({ id: z.uuid() }).strict()),
  /** Stops a running export; its file is removed, nothing partial is left behind. */
  'exports.cancel': call<ExportJob>()(z.object({ id: z.uuid() }).strict()),
  'exports.list': call<{ jobs: ExportJob[]; files: ExportFile[] }>()(empty),
  'analytics.overview': call<AnalyticsOverview>()(z.object(periodSchema).strict()),
}
