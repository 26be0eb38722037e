// A vote-lines import fed in pieces by a client that holds the file (the renderer reading File.stream()): no path
// reaches the main process and the file is never held whole. Each chunk goes straight into the line reader of the
// CLI's import (signers recovered in the core worker meanwhile); finish checks and stores the votes, reading the
// voting power at each snapshot with progress; cancel stops any step before the one transaction that stores.
import { randomUUID } from 'node:crypto'
import { PassThrough } from 'node:stream'
import { ApiError } from '../../../shared/errors'
import type {
  VoteImportSessionResult,
  VoteImportSessionStatus,
  VoteImportWeightsProgress,
} from '../../../shared/contract/vote-import'
import { VOTE_IMPORT_MAX_CHUNK_BYTES } from '../../../shared/contract/vote-import'
import { firstLine } from '../first-line'
import type { CoreContext } from '../workspace/context'
import { IMPORT_STOPPED, envOf, storeVoteLines } from './service'
import { readVoteLinesFrom, type BadVoteLine, type VoteLinesRead } from './vote-lines'
import { storedVoteMatcher } from './stored-votes'

/** Bytes a chunk may carry: its base64 (4/3) plus the envelope stays under the browser host's 4 MiB body. */
export const VOTE_IMPORT_CHUNK_BYTES = VOTE_IMPORT_MAX_CHUNK_BYTES
/** A session no chunk, finish or status read reached for this long is cancelled (its tab was closed). */
const IDLE_MS = 10 * 60_000
/** Sessions still receiving or working at once per workspace. */
const MAX_OPEN = 2
/** Ended sessions kept for their status (the summary) per workspace. */
const KEEP_ENDED = 4
const BAD_LINES_SHOWN = 50
/**
 * Bytes without a line end after which the file is refused: a vote line is under 16 KB, and the line reader would
 * otherwise hold a newline-free file (2 GB of anything) whole in one string.
 */
const MAX_BYTES_WITHOUT_LINE_END = 4 * 1024 * 1024
const REFUSED_SHOWN = 200

type Phase = VoteImportSessionStatus['phase']
const ENDED: Phase[] = ['done', 'failed', 'cancelled']

class VoteImportSession {
  readonly id = randomUUID()
  phase: Phase = 'receiving'
  received = 0
  nextSeq = 0
  lines = 0
  votes = 0
  badCount = 0
  badLines: BadVoteLine[] = []
  weights: VoteImportWeightsProgress | null = null
  result: VoteImportSessionResult | null = null
  error: string | null = null
  touched = Date.now()
  private sinceLineEnd = 0
  private readonly abort = new AbortController()
  private readonly input = new PassThrough()
  private readonly reading: Promise<VoteLinesRead>
  private work: Promise<void> = Promise.resolve()
  /** Chunks are taken one at a time, in order. */
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly ctx: CoreContext,
    readonly fileName: string,
    readonly size: number,
    readonly skipRefused: boolean,
  ) {
    this.reading = readVoteLinesFrom(this.input, {
      signal: this.abort.signal,
      progressEvery: 500,
      alreadyVerified: storedVoteMatcher(ctx.db),
      onProgress: (lines, counts) => {
        this.lines = lines
        this.votes = counts.votes
        this.badCount = counts.badCount
        this.badLines = counts.badLines.slice(0, BAD_LINES_SHOWN)
      },
    })
    // Until finish awaits it, a stop must not surface as an unhandled rejection (nor a write racing a stop).
    this.reading.catch(() => undefined)
    this.input.on('error', () => undefined)
  }

  get ended() {
    return ENDED.includes(this.phase)
  }

  async chunk(seq: number, bytes: Buffer) {
    this.touched = Date.now()
    if (this.phase !== 'receiving')
      throw new ApiError('CONFLICT', `The vote import ${this.fileName} takes no more chunks: it is ${this.phase}.`)
    if (seq !== this.nextSeq)
      throw new ApiError(
        'BAD_INPUT',
        `Chunk ${seq} arrived where chunk ${this.nextSeq} was expected; send them in order.`,
      )
    if (this.received + bytes.length > this.size)
      throw new ApiError('BAD_INPUT', `The chunks carry more than the ${this.size} bytes the import was begun with.`)
    const lastEnd = Math.max(bytes.lastIndexOf(0x0a), bytes.lastIndexOf(0x0d))
    this.sinceLineEnd = lastEnd < 0 ? this.sinceLineEnd + bytes.length : bytes.length - lastEnd - 1
    if (this.sinceLineEnd > MAX_BYTES_WITHOUT_LINE_END) {
      const at = this.received + bytes.length - this.sinceLineEnd
      await this.fail(
        `${this.fileName} runs ${this.sinceLineEnd} bytes without a line end (from byte ${at}): it is no ` +
          'vote-lines file (one vote a line, each under 16 KB). Nothing was stored.',
      )
      throw new ApiError('BAD_INPUT', this.error!)
    }
    this.nextSeq += 1
    this.received += bytes.length
    const previous = this.writing
    this.writing = previous.then(
      () =>
        new Promise<void>((resolve) => {
          // A cancel or a failure ended the input meanwhile: the chunk has nowhere to go.
          if (this.input.writableEnded || this.input.destroyed) return resolve()
          // Backpressure: the next chunk is answered only once the reader has taken most of this one.
          if (this.input.write(bytes)) resolve()
          else this.input.once('drain', resolve).once('close', resolve)
        }),
    )
    await this.writing
  }

  finish() {
    this.touched = Date.now()
    if (this.phase !== 'receiving')
      throw new ApiError('CONFLICT', `The vote import ${this.fileName} is already ${this.phase}.`)
    if (this.received !== this.size)
      throw new ApiError(
        'BAD_INPUT',
        `Only ${this.received} of the ${this.size} bytes of ${this.fileName} arrived; send the rest or cancel.`,
      )
    this.phase = 'reading'
    this.work = this.run()
  }

  private async run() {
    try {
      await this.writing
      this.input.end()
      const read = await this.reading
      this.lines = read.lines
      this.votes = read.votes.length
      this.badCount = read.badCount
      this.badLines = read.badLines.slice(0, BAD_LINES_SHOWN)
      this.phase = 'weights'
      const stored = await storeVoteLines(this.ctx, read, {
        skipRefused: this.skipRefused,
        signal: this.abort.signal,
        onWeights: (w) => (this.weights = w),
      })
      const { outcomes, ...counts } = stored
      this.result = {
        accepted: counts.accepted,
        superseded: counts.superseded,
        duplicates: counts.duplicates,
        refused: counts.refused,
        lines: counts.lines,
        badCount: counts.badCount,
        badLines: counts.badLines.slice(0, BAD_LINES_SHOWN),
        refusedVotes: outcomes
          .filter((o) => o.status === 'refused')
          .slice(0, REFUSED_SHOWN)
          .map((o) => ({ line: o.index, voter: o.voter, reason: o.reason ?? '' })),
      }
      this.phase = 'done'
    } catch (error) {
      if (this.abort.signal.aborted) {
        this.phase = 'cancelled'
        this.error = IMPORT_STOPPED
      } else {
        this.phase = 'failed'
        this.error = error instanceof ApiError ? error.message : `The vote import failed: ${firstLine(error)}`
      }
    }
  }

  private async fail(error: string) {
    this.abort.abort()
    this.phase = 'failed'
    this.error = error
    this.input.end()
    await this.reading.catch(() => undefined)
  }

  /** Stops whatever runs; answers once it has stopped, so the answer says truly whether anything was stored. */
  async cancel() {
    if (this.ended) return
    this.abort.abort()
    if (this.phase === 'receiving') {
      this.phase = 'cancelled'
      this.error = IMPORT_STOPPED
      this.input.end()
      await this.reading.catch(() => undefined)
      return
    }
    await this.work
  }

  status(): VoteImportSessionStatus {
    this.touched = Date.now()
    return {
      session: this.id,
      fileName: this.fileName,
      phase: this.phase,
      size: this.size,
      received: this.received,
      nextSeq: this.nextSeq,
      chunkBytes: VOTE_IMPORT_CHUNK_BYTES,
      lines: this.lines,
      votes: this.votes,
      badCount: this.badCount,
      badLines: this.badLines,
      weights: this.weights,
      result: this.result,
      error: this.error,
    }
  }
}

const sessionsOf = new WeakMap<CoreContext, Map<string, VoteImportSession>>()

function sessions(ctx: CoreContext) {
  let map = sessionsOf.get(ctx)
  if (!map) {
    const created = new Map<string, VoteImportSession>()
    map = created
    sessionsOf.set(ctx, created)
    const sweep = setInterval(() => {
      for (const s of created.values()) if (!s.ended && Date.now() - s.touched > IDLE_MS) void s.cancel()
    }, 60_000)
    sweep.unref()
    ctx.onClose(async () => {
      clearInterval(sweep)
      await Promise.all([...created.values()].map((s) => s.cancel()))
    })
  }
  return map
}

function sessionOf(ctx: CoreContext, id: string) {
  const s = sessions(ctx).get(id)
  if (!s) throw new ApiError('NOT_FOUND', `No vote import ${id} in this workspace (it ended long ago or never began).`)
  return s
}

export function beginVoteImport(
  ctx: CoreContext,
  input: { fileName: string; size: number; skipRefused: boolean },
): VoteImportSessionStatus {
  envOf(ctx)
  const map = sessions(ctx)
  const open = [...map.values()].filter((s) => !s.ended)
  if (open.length >= MAX_OPEN)
    throw new ApiError(
      'CONFLICT',
      `${open.length} vote imports are already under way (${open.map((s) => s.fileName).join(', ')}): finish or cancel one first.`,
    )
  const ended = [...map.values()].filter((s) => s.ended)
  for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED + 1))) map.delete(old.id)
  const s = new VoteImportSession(ctx, input.fileName, input.size, input.skipRefused)
  map.set(s.id, s)
  return s.status()
}

export async function voteImportChunk(ctx: CoreContext, input: { session: string; seq: number; data: string }) {
  const s = sessionOf(ctx, input.session)
  const bytes = Buffer.from(input.data, 'base64')
  if (bytes.length > VOTE_IMPORT_CHUNK_BYTES)
    throw new ApiError(
      'BAD_INPUT',
      `A chunk carries at most ${VOTE_IMPORT_CHUNK_BYTES} bytes; this one ${bytes.length}.`,
    )
  await s.chunk(input.seq, bytes)
  return s.status()
}

export function finishVoteImport(ctx: CoreContext, id: string) {
  const s = sessionOf(ctx, id)
  s.finish()
  return s.status()
}

export function voteImportStatus(ctx: CoreContext, id: string) {
  return sessionOf(ctx, id).status()
}

export async function cancelVoteImport(ctx: CoreContext, id: string) {
  const s = sessionOf(ctx, id)
  await s.cancel()
  return s.status()
}

/** Waits for a finishing session to end (tests, the CLI): its last status. */
export async function settledVoteImport(ctx: CoreContext, id: string, pollMs = 50) {
  for (;;) {
    const s = sessionOf(ctx, id)
    if (s.ended) return s.status()
    await new Promise((r) => setTimeout(r, pollMs))
  }
}
