// Streaming import of a vote-lines file (JSON Lines, one signed vote per line): the file is read line by line, never
// held whole; a line that is not a valid vote is named by its number and the others go on; the signers are
// recovered in the core worker while this thread reads on, so both cores work.
import { createReadStream } from 'node:fs'
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
  recovered: Map<number, string | { error: string }>
  badLines: BadVoteLine[]
  badCount: number
  lines: number
  /** Where the signatures were recovered. */
  recoveredIn: 'worker' | 'main thread'
}

/** The core worker serving recovery batches; null when there is none (recovery then runs in this thread). */
class RecoveryWorker {
  private next = 0
  private readonly waiting = new Map<number, { resolve(r: RecoveredSigner[]): void; reject(e: Error): void }>()
  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; result: RecoveredSigner[] }) => {
      this.waiting.get(m.id)?.resolve(m.result)
      this.waiting.delete(m.id)
    })
    worker.on('error', (error) => {
      for (const w of this.waiting.values()) w.reject(error)
      this.waiting.clear()
    })
  }

  static start(): RecoveryWorker | null {
    const worker = startCoreWorker({ kind: 'recover-votes' })
    return worker ? new RecoveryWorker(worker) : null
  }

  recover(votes: VoteToRecover[]): Promise<RecoveredSigner[]> {
    const id = this.next++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.worker.postMessage({ id, votes })
    })
  }

  close() {
    void this.worker.terminate()
  }
}

export interface ReadVoteLinesOptions {
  /** Lines read so far, with the votes and bad lines among them; every `progressEvery` lines and at the end. */
  onProgress?: (lines: number, counts: { votes: number; badCount: number; badLines: BadVoteLine[] }) => void
  progressEvery?: number
  signal?: AbortSignal
  useWorker?: boolean
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
  const worker = opts.useWorker === false ? null : RecoveryWorker.start()
  const votes: ParsedVote[] = []
  const badLines: BadVoteLine[] = []
  const pending: Array<Promise<RecoveredSigner[]>> = []
  let badCount = 0
  let lines = 0
  let batch: VoteToRecover[] = []
  const flush = () => {
    if (batch.length === 0) return
    const votesOf = batch
    batch = []
    pending.push(worker ? worker.recover(votesOf) : Promise.resolve(recoverVoteBatch(votesOf)))
  }
  const progress = () => opts.onProgress?.(lines, { votes: votes.length, badCount, badLines })
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
      batch.push({ index: vote.index, domain: vote.domain, message: vote.message, signature: vote.signature })
      if (batch.length >= BATCH) flush()
      if (lines % every === 0) progress()
    }
    // A stream ended early by a stop reads as a short file: never take it for the whole one.
    if (opts.signal?.aborted) throw new VoteLinesStoppedError(lines)
    flush()
    const recovered = new Map<number, string | { error: string }>()
    for (const result of await Promise.all(pending)) for (const [index, signer] of result) recovered.set(index, signer)
    progress()
    return { votes, recovered, badLines, badCount, lines, recoveredIn: worker ? 'worker' : 'main thread' }
  } finally {
    input.destroy()
    worker?.close()
  }
}
