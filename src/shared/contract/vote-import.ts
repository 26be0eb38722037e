import { z } from 'zod'
import { call } from './define'

/** Bytes one chunk may carry (the main process refuses more); its base64 is 4/3 of that. */
export const VOTE_IMPORT_MAX_CHUNK_BYTES = 2 * 1024 * 1024

export interface VoteImportWeightsProgress {
  /** The snapshot block whose voting power is being read. */
  block: number
  done: number
  total: number
  source: 'index' | 'reader' | 'multicall' | 'rpc-batch'
}

export interface VoteImportSessionResult {
  accepted: number
  superseded: number
  duplicates: number
  refused: number
  lines: number
  /** Lines that are no valid vote: counted all, the first ones named by number. */
  badCount: number
  badLines: Array<{ line: number; reason: string }>
  /** Votes refused by their checks (signature, voting power, window), the first ones, by line. */
  refusedVotes: Array<{ line: number; voter: string; reason: string }>
}

export interface VoteImportSessionStatus {
  session: string
  fileName: string
  /**
   * receiving: chunks are taken; reading: the last lines and signatures; weights: voting power at the snapshot;
   * then done (stored), failed (nothing stored, `error` says why) or cancelled (nothing stored).
   */
  phase: 'receiving' | 'reading' | 'weights' | 'done' | 'failed' | 'cancelled'
  /** Bytes the import was begun with, and received so far. */
  size: number
  received: number
  /** The sequence number the next chunk must carry. */
  nextSeq: number
  chunkBytes: number
  lines: number
  votes: number
  badCount: number
  badLines: Array<{ line: number; reason: string }>
  weights: VoteImportWeightsProgress | null
  result: VoteImportSessionResult | null
  error: string | null
}

const sessionId = z.string().uuid()
const session = z.object({ session: sessionId }).strict()

export const voteImportContract = {
  /**
   * Begins importing a vote-lines file (one signed vote per line, any size) that the caller sends in chunks: no file
   * path crosses, and the file is never held whole. `size` is its length in bytes; finish checks all arrived.
   */
  'governance.voteImportBegin': call<VoteImportSessionStatus>()(
    z
      .object({
        fileName: z.string().trim().min(1).max(255),
        size: z
          .number()
          .int()
          .min(1, 'the file is empty')
          .max(2 ** 53 - 1),
        skipRefused: z.boolean().default(false),
      })
      .strict(),
  ),
  /** The next chunk of the file's bytes (base64, at most 2 MiB decoded), in order from seq 0. */
  'governance.voteImportChunk': call<VoteImportSessionStatus>()(
    z
      .object({
        session: sessionId,
        seq: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31),
        data: z
          .string()
          .min(1)
          .max(Math.ceil(VOTE_IMPORT_MAX_CHUNK_BYTES / 3) * 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
      })
      .strict(),
  ),
  /** Every chunk sent: reads the last lines, then the voting power at each snapshot, then stores all in one go. */
  'governance.voteImportFinish': call<VoteImportSessionStatus>()(session),
  /** Where an import is: bytes, lines, bad lines, voting power read (done / total, source), then its summary. */
  'governance.voteImportStatus': call<VoteImportSessionStatus>()(session),
  /** Stops an import at any step before it stores; answers once stopped. Nothing is stored by a cancelled import. */
  'governance.voteImportCancel': call<VoteImportSessionStatus>()(session),
}
