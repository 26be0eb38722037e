import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Handlers } from './registry'
import type { Services } from './services'
import { ApiError } from '../../shared/errors'
import { WORKSPACE_USER, type CoreContext } from '../core/workspace/context'
import { auditSlice, signAuditHead, toPeriod, type AuditAnchor, type Period } from '../core/audit'
import { analyticsOverview, createExportJobs, recordExport, type ExportJobs } from '../core/reports'

const fallbackJobs = new WeakMap<CoreContext, ExportJobs>()

/** The adapters pass their export jobs (boot.ts); a bare context (tests) gets jobs writing beside its database. */
export function exportJobsOf(services: Services): ExportJobs {
  if (services.exports) return services.exports
  const { ctx } = services
  let jobs = fallbackJobs.get(ctx)
  if (!jobs) {
    const base = ctx.db.memory ? join(tmpdir(), `aitbc-treasury-${process.pid}`) : dirname(ctx.db.name)
    const created = createExportJobs({
      db: ctx.db,
      exportsDir: join(base, 'exports'),
      generator: `AITBC Treasury ${ctx.appVersion}`,
      actor: () => WORKSPACE_USER,
      recordExport: (record) => recordExport(ctx, record),
    })
    ctx.onClose(() => created.close())
    fallbackJobs.set(ctx, created)
    jobs = created
  }
  return jobs
}

function period(from?: string, to?: string): Period {
  try {
    return toPeriod({ from, to })
  } catch (error) {
    throw new ApiError('BAD_INPUT', `Invalid period: ${(error as Error).message}.`)
  }
}

function notFound(id: string): never {
  throw new ApiError('NOT_FOUND', `There is no export ${id} in this session.`)
}

export const reportsHandlers: Handlers<
  'exports.start' | 'exports.status' | 'exports.cancel' | 'exports.list' | 'analytics.overview'
> = {
  'exports.start': async ({ format, from, to, stewardAddress }, services) => {
    const { ctx } = services
    const range = period(from, to)
    let anchor: AuditAnchor | null = null
    let slice = null
    if (format === 'json') {
      slice = auditSlice(ctx.db, range)
      if (!slice) throw new ApiError('NOT_FOUND', 'There are no audit events in that period: nothing to export.')
    }
    if (stewardAddress) {
      if (format !== 'json' || !slice)
        throw new ApiError('BAD_INPUT', 'Only the JSON bundle carries a steward signature over the audit head.')
      // LOCKED or NOT_FOUND from the key store when the steward's key is not unlocked here.
      anchor = await signAuditHead(services.keys.wallet(stewardAddress), { seq: slice.lastSeq, hash: slice.headHash })
    }
    return exportJobsOf(services).start({ format, period: { from, to }, anchor, expectedSlice: slice })
  },

  'exports.status': ({ id }, services) => exportJobsOf(services).status(id) ?? notFound(id),

  'exports.cancel': ({ id }, services) => exportJobsOf(services).cancel(id) ?? notFound(id),

  'exports.list': (_input, services) => {
    const jobs = exportJobsOf(services)
    return { jobs: jobs.list(), files: jobs.files() }
  },

  'analytics.overview': ({ from, to }, { ctx }) => {
    const range = period(from, to)
    return analyticsOverview(ctx.db, { from, to }).then((o) => ({ ...o, from: range.fromIso, to: range.toIso }))
  },
}
