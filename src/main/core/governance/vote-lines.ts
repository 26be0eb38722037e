// Streaming import of a vote-lines file (JSON Lines, one signed vote per line): the file is read line by line, never
// held whole; a line that is not a valid vote is named by its number and the others go on; the signers are
// recovered in core workers (two where the machine has two cores) while this thread reads on, and may still be
// when the read answers: the caller reads the voters' weights meanwhile.
import { createReadStream } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import type { Worker } from 'node:worker_threads'
import { ApiError } from '../../../shared/errors'
import { startCoreWorker } from '../workers'
import { VoteFileError, parseVoteLine, type ParsedVote } from './files'
import { recoverVoteBatch, type RecoveredSigner, type VoteToRecover } from './recover-batch'

const BATCH = 2_000
/** Bad lines kept to report; a file of nothing but garbage is still counted to its end. */
const MAX_BAD_LINES_KEPT = 1_000
/**
 * Votes one import holds (each parsed vote stays in memory until the store): six times the seed's 80,000-vote
 * decision; a larger file (a 2 GB one holds about two million) is refused by name instead of exhausting memory.
 */
export const MAX_VOTES_PER_IMPORT = 500_000

export interface BadVoteLine {
  line: number
  reason: string
}

export interface VoteLinesRead {
  /** Each vote's `index` is its line number. */
  votes: ParsedVote[]
  /**
   * The signers by vote index (lower-case address, or why the signature recovers to none). Still being recovered
   * when the read answers, so the caller can work meanwhile (read the claimed voters' weights); it rejects with
   * VoteLinesStoppedError when the read's signal fires first.
   */
  recovered: Promise<Map<number, string | { error: string }>>
  /** Stops the recovery workers if they still run (a caller that will not await `recovered`). */
  release(): void
  badLines: BadVoteLine[]
  badCount: number
  lines: number
  /** Where the signatures were recovered. */
  recoveredIn: 'worker' | 'main thread'
  /** Votes whose line equals a stored vote (`alreadyVerified`): their signer is its voter, not recovered again. */
  alreadyStored: number
}

type Waiting = Map<number, { resolve(r: RecoveredSigner[]): void; reject(e: Error): void }>

/**
 * Core workers serving recovery batches, each batch to the one with the fewest batches outstanding. Two where the
 * machine has the cores: the reading thread is mostly idle while the signers are recovered (a profile of 20,000
 * votes: 0.46 s reading against 1.6 s of recovery in one worker).
 */
class RecoveryWorkers {
  private next = 0
  private constructor(private readonly workers: Array<{ worker: Worker; waiting: Waiting }>) {
    for (const { worker, waiting } of workers) {
      worker.on('message', (m: { id: number; result: RecoveredSigner[] }) => {
        waiting.get(m.id)?.resolve(m.result)
        waiting.delete(m.id)
      })
      worker.on('error', (error) => this.fail(waiting, error))
      // Terminated (stopped, released) or crashed with batches outstanding: whoever awaits them must hear of it.
      worker.on('exit', () => this.fail(waiting, this.stopped ?? new Error('the signature recovery worker stopped')))
    }
  }

  private stopped: Error | null = null

  private fail(waiting: Waiting, error: Error) {
    for (const w of waiting.values()) w.reject(error)
    waiting.clear()
  }

  /** `count` workers, or null when there is no core worker (recovery then runs in the reading thread). */
  static start(count: number): RecoveryWorkers | null {
    const workers: Array<{ worker: Worker; waiting: Waiting }> = []
    for (let i = 0; i < count; i++) {
      const worker = startCoreWorker({ kind: 'recover-votes' })
      if (!worker) break
      workers.push({ worker, waiting: new Map() })
    }
    return workers.length ? new RecoveryWorkers(workers) : null
  }

  recover(votes: VoteToRecover[]): Promise<RecoveredSigner[]> {
    const id = this.next++
    let chosen = this.workers[0]
    for (const w of this.workers) if (w.waiting.size < chosen.waiting.size) chosen = w
    return new Promise((resolve, reject) => {
      chosen.waiting.set(id, { resolve, reject })
      chosen.worker.postMessage({ id, votes })
    })
  }

  /** Ends the workers; batches still outstanding reject with `reason`. */
  close(reason?: Error) {
    this.stopped ??= reason ?? null
    for (const { worker } of this.workers) void worker.terminate()
  }
}

/** Recovery workers by default: two where the machine has two cores or more, else one. */
export function defaultRecoveryWorkers(): number {
  return availableParallelism() >= 2 ? 2 : 1
}

export interface ReadVoteLinesOptions {
  /** Lines read so far, with the votes and bad lines among them; every `progressEvery` lines and at the end. */
  onProgress?: (lines: number, counts: { votes: number; badCount: number; badLines: BadVoteLine[] }) => void
  progressEvery?: number
  signal?: AbortSignal
  useWorker?: boolean
  /** Recovery workers (when `useWorker` is not false): `defaultRecoveryWorkers()` unless given. */
  recoveryWorkers?: number
  /** Votes sent to a worker at once (tests use small batches to spread a few votes over the workers). */
  recoveryBatch?: number
  /**
   * True for a vote identical to one stored after its signature was verified (`storedVoteMatcher`): its signer is
   * taken to be its voter without recovering the signature again.
   */
  alreadyVerified?: (vote: ParsedVote) => boolean
}

export class VoteLinesStoppedError extends Error {
  constructor(line: number) {
    super(`the import was stopped at line ${line}`)
    this.name = 'VoteLinesStoppedError'
  }
}

/** Reads a vote-lines file from disk, line by line. */
export function readVoteLines(file: string, opts: ReadVoteLinesOptions = {}): Promise<VoteLinesRead> {
  return readVoteLinesFrom(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), opts)
}

/**
 * Reads vote lines from any stream of UTF-8 text or bytes (a file, or the chunks an upload session feeds in):
 * lines end at \n, \r\n or \r wherever the stream's pieces happen to be cut.
 */
export async function readVoteLinesFrom(input: Readable, opts: ReadVoteLinesOptions = {}): Promise<VoteLinesRead> {
  const every = opts.progressEvery ?? 10_000
  const batchSize = opts.recoveryBatch ?? BATCH
  const worker =
    opts.useWorker === false ? null : RecoveryWorkers.start(opts.recoveryWorkers ?? defaultRecoveryWorkers())
  const votes: ParsedVote[] = []
  const badLines: BadVoteLine[] = []
  const pending: Array<Promise<RecoveredSigner[]>> = []
  const known: RecoveredSigner[] = []
  let badCount = 0
  let lines = 0
  let batch: VoteToRecover[] = []
  const flush = () => {
    if (batch.length === 0) return
    const votesOf = batch
    batch = []
    const recovering = worker ? worker.recover(votesOf) : Promise.resolve(recoverVoteBatch(votesOf))
    // A read that fails ends the workers, rejecting the batches nobody will await.
    recovering.catch(() => undefined)
    pending.push(recovering)
  }
  const progress = () => opts.onProgress?.(lines, { votes: votes.length, badCount, badLines })
  // Once the read answers, the recovery still running belongs to its `recovered`, which ends the workers.
  let handedOver = false
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      lines += 1
      if (opts.signal?.aborted) throw new VoteLinesStoppedError(lines)
      if (text.trim() === '') continue
      let vote: ParsedVote
      try {
        vote = parseVoteLine(text, lines)
      } catch (error) {
        if (!(error instanceof VoteFileError)) throw error
        badCount += 1
        if (badLines.length < MAX_BAD_LINES_KEPT) badLines.push({ line: lines, reason: error.message })
        if (lines % every === 0) progress()
        continue
      }
      if (votes.length >= MAX_VOTES_PER_IMPORT)
        throw new ApiError(
          'BAD_INPUT',
          `Line ${lines} is vote ${MAX_VOTES_PER_IMPORT + 1} of the file: one import takes at most ` +
            `${MAX_VOTES_PER_IMPORT.toLocaleString('en-US')} votes. Split the file (any line is a cut point); ` +
            'nothing was imported.',
        )
      votes.push(vote)
      if (opts.alreadyVerified?.(vote)) known.push([vote.index, vote.message.voter.toLowerCase()])
      else batch.push({ index: vote.index, domain: vote.domain, message: vote.message, signature: vote.signature })
      if (batch.length >= batchSize) flush()
      if (lines % every === 0) progress()
    }
    // A stream ended early by a stop reads as a short file: never take it for the whole one.
    if (opts.signal?.aborted) throw new VoteLinesStoppedError(lines)
    flush()
    progress()
    const atEnd = lines
    const onStop = () => worker?.close(new VoteLinesStoppedError(atEnd))
    opts.signal?.addEventListener('abort', onStop, { once: true })
    const recovered = Promise.all(pending)
      .then((results) => {
        if (opts.signal?.aborted) throw new VoteLinesStoppedError(atEnd)
        const signers = new Map<number, string | { error: string }>()
        for (const result of results) for (const [index, signer] of result) signers.set(index, signer)
        for (const [index, signer] of known) signers.set(index, signer)
        return signers
      })
      .finally(() => {
        opts.signal?.removeEventListener('abort', onStop)
        worker?.close()
      })
    // Awaited by the store; until then (or if it never is, its import refused first) no unhandled rejection.
    recovered.catch(() => undefined)
    handedOver = true
    return {
      votes,
      recovered,
      release: () => worker?.close(),
      badLines,
      badCount,
      lines,
      recoveredIn: worker ? 'worker' : 'main thread',
      alreadyStored: known.length,
    }
  } finally {
    input.destroy()
    if (!handedOver) worker?.close()
  }
}
