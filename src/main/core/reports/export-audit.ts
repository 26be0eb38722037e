import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { WORKSPACE_USER, type CoreContext } from '../workspace/context'

/** What an export's audit event says: which file, of what, over which range, and the SHA-256 of its bytes. */
export interface ExportRecord {
  kind: string
  format: string
  fileName: string
  /** The period as asked (null = from the start / up to now). */
  from: string | null
  to: string | null
  bytes: number
  sha256: string
  /** Who asked for it, when that was decided before the file was written (a background export). */
  requestedBy?: string
  /** Anything that narrows what was exported (a Safe, a budget period). */
  scope?: Record<string, string | number | null>
}

export const EXPORT_AUDIT_ACTION = 'export.created'

/** Appends the export's audit event; an export is nobody's signature, so it is the workspace user's act. */
export function recordExport(ctx: CoreContext, record: ExportRecord): void {
  ctx.mutate({ actor: WORKSPACE_USER, action: EXPORT_AUDIT_ACTION, subject: `export:${record.fileName}`, payload: record }, () => undefined)
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

/** SHA-256 of a file, streamed (an audit CSV of a million events is hundreds of megabytes). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}
