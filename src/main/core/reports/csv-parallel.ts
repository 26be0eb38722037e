import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads'
import type { Db } from '../db/open'
import { knownChecksums, seedChecksums, type SeqRange } from './activity'
import { writeActivityRows } from './csv-rows'
import { ExportCancelled, type FileSink } from './sink'
import { ChainBrokenError, writeBundleEvents, type BundleStart } from '../audit/bundle-writer'

/**
 * A long CSV export (or the event lines of a JSON audit bundle, see `writeBundleEventsParallel`) on several threads, in order, without part files: the range is cut into chunks of
 * CHUNK_ROWS events; this thread and the helpers (worker threads with their own read-only connection) claim the
 * next chunk from a shared counter, so a helper that starts late or runs slower simply takes fewer chunks. A helper
 * encodes its chunk into memory and hands the buffers over (transferred, not copied); this thread writes chunks to
 * the file in order, its own straight from memory too. Memory stays bounded: nobody claims a chunk more than
 * AHEAD chunks past the last one written.
 */
export const CHUNK_ROWS = 8192
const AHEAD = 6
const PART_BYTES = 256 * 1024

// Control words shared by every thread of one export (Int32Array over a SharedArrayBuffer).
const NEXT = 0 // next chunk to claim
const STOP = 1 // 1: stop (cancelled or failed)
const WRITTEN = 2 // chunks written to the file, in order
const POSTED = 3 // chunks handed over by helpers (bumped after each message, to wake this thread)
const ROWS = 4 // rows encoded so far, every thread together
const CONTROL_WORDS = 5

/** What a CSV helper gets (see core/reports/worker.ts). */
export interface CsvChunkWorkerData {
  kind: 'csv-chunks'
  dbFile: string
  nativeBinding?: string
  range: SeqRange
  control: SharedArrayBuffer
  port: MessagePort
  /** EIP-55 forms this thread already knows, so a helper need not load ethers for the workspace's tokens. */
  checksums: Array<[string, string]>
  /** Present: the chunks are audit bundle event lines of the slice starting here, not CSV rows. */
  bundle?: BundleStart
}

export type CsvChunkMessage =
  | { type: 'chunk'; index: number; rows: number; parts: Uint8Array[] }
  | { type: 'done' }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; index?: number; seq?: number }

export function chunkCount(range: SeqRange): number {
  return Math.ceil((range.lastSeq - range.firstSeq + 1) / CHUNK_ROWS)
}

function chunkRange(range: SeqRange, index: number): SeqRange {
  const firstSeq = range.firstSeq + index * CHUNK_ROWS
  return { firstSeq, lastSeq: Math.min(range.lastSeq, firstSeq + CHUNK_ROWS - 1) }
}

/** Encodes text into fixed-size buffers kept in memory: a chunk of the CSV waiting for its turn. */
export class MemorySink {
  readonly parts: Uint8Array[] = []
  private buffer = Buffer.allocUnsafeSlow(PART_BYTES)
  private used = 0

  write(text: string): void {
    if (this.used + text.length * 3 > PART_BYTES) {
      this.flush()
      if (text.length * 3 > PART_BYTES) {
        this.parts.push(Buffer.from(text, 'utf8'))
        return
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8')
  }

  /** The chunk's bytes, as views on buffers of their own (transferable). */
  take(): Uint8Array[] {
    this.flush()
    return this.parts
  }

  private flush(): void {
    if (this.used === 0) return
    this.parts.push(this.buffer.subarray(0, this.used))
    this.buffer = Buffer.allocUnsafeSlow(PART_BYTES)
    this.used = 0
  }
}

/** One chunk's text: CSV rows, or bundle event lines each re-hashed (throws ChainBrokenError where the chain breaks). */
function encodeChunk(
  db: Db,
  range: SeqRange,
  sink: { write(text: string): void },
  tick: (done: number) => void,
  bundle: BundleStart | undefined,
): number {
  return bundle ? writeBundleEvents(db, range, bundle, sink, tick) : writeActivityRows(db, range, sink, tick)
}

export interface ParallelOptions {
  helpers: number
  nativeBinding?: string
  startHelper(data: CsvChunkWorkerData, transfer: MessagePort[]): Worker | null
  cancelled(): boolean
  onProgress(done: number): void
  /** Tests: this thread only writes what the helpers encode (so they are exercised however fast it is). */
  helpersOnly?: boolean
}

/**
 * Writes the CSV rows of `range` to `sink` (after the header the caller wrote), this thread plus the given helpers.
 * `startHelper` starts one helper thread with its data (null when none can start: this thread does it all).
 */
export function writeActivityRowsParallel(
  db: Db,
  range: SeqRange,
  sink: FileSink,
  options: ParallelOptions,
): Promise<{ rows: number; chunks: number; byHelpers: number }> {
  return writeChunksParallel(db, range, sink, options, undefined)
}

/**
 * The event lines of an audit bundle slice (after the header the caller wrote), re-hashed by this thread and the
 * helpers in chunks, byte for byte the one-thread `writeBundleEvents`. Where the chain breaks, the error thrown is
 * the one a one-thread walk meets first (the lowest broken chunk's), whichever thread found it.
 */
export function writeBundleEventsParallel(
  db: Db,
  range: SeqRange,
  start: BundleStart,
  sink: FileSink,
  options: ParallelOptions,
): Promise<{ rows: number; chunks: number; byHelpers: number }> {
  return writeChunksParallel(db, range, sink, options, start)
}

async function writeChunksParallel(
  db: Db,
  range: SeqRange,
  sink: FileSink,
  options: ParallelOptions,
  bundle: BundleStart | undefined,
): Promise<{ rows: number; chunks: number; byHelpers: number }> {
  const chunks = chunkCount(range)
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_WORDS))
  const ports: MessagePort[] = []
  const workers: Worker[] = []
  let failure: Error | null = null
  const fail = (error: Error) => {
    failure ??= error
    Atomics.store(control, STOP, 1)
  }
  const checksums = knownChecksums()
  try {
    for (let i = 0; i < options.helpers; i++) {
      const { port1, port2 } = new MessageChannel()
      const data: CsvChunkWorkerData = {
        kind: 'csv-chunks',
        dbFile: db.name,
        nativeBinding: options.nativeBinding,
        range,
        control: control.buffer as SharedArrayBuffer,
        port: port2,
        checksums,
        ...(bundle ? { bundle } : {}),
      }
      const worker = options.startHelper(data, [port2])
      if (!worker) {
        port1.close()
        break
      }
      worker.once('error', (error) => fail(error))
      worker.once('exit', (code) => {
        if (code !== 0) fail(new Error(`a CSV helper thread stopped (exit code ${code})`))
      })
      workers.push(worker)
      ports.push(port1)
    }

    const ready = new Map<number, { rows: number; parts: Uint8Array[] }>()
    // A chunk that could not be encoded fails the export when its turn comes, so the error named is the first one
    // in file order (a later chunk may fail sooner on another thread).
    const broken = new Map<number, Error>()
    let byHelpers = 0
    let written = 0
    let rows = 0
    let lastProgress = 0
    const drain = () => {
      for (const port of ports)
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const message = m.message as CsvChunkMessage
          if (message.type === 'chunk') {
            ready.set(message.index, { rows: message.rows, parts: message.parts })
            byHelpers++
          } else if (message.type === 'failed' && message.index !== undefined)
            broken.set(
              message.index,
              message.seq !== undefined ? new ChainBrokenError(message.seq, message.message) : new Error(message.message),
            )
          else if (message.type === 'failed') fail(new Error(message.message))
          else if (message.type === 'cancelled') fail(new ExportCancelled())
        }
    }
    const writeReady = () => {
      const error = broken.get(written)
      if (error) throw error
      for (let next = ready.get(written); next; next = ready.get(written)) {
        ready.delete(written)
        for (const part of next.parts) sink.writeOwned(part)
        rows += next.rows
        Atomics.store(control, WRITTEN, ++written)
        Atomics.notify(control, WRITTEN)
        const error = broken.get(written)
        if (error) throw error
      }
    }
    const checkStop = () => {
      if (options.cancelled()) fail(new ExportCancelled())
      if (failure) throw failure
    }
    const tick = (done: number) => {
      Atomics.add(control, ROWS, done)
      checkStop()
      const now = Date.now()
      if (now - lastProgress >= 100) {
        lastProgress = now
        options.onProgress(Atomics.load(control, ROWS))
      }
    }

    while (written < chunks) {
      drain()
      checkStop()
      writeReady()
      if (written === chunks) break
      const claimable = Atomics.load(control, NEXT)
      if (claimable < chunks && claimable - written <= AHEAD && !(options.helpersOnly && workers.length)) {
        const index = Atomics.add(control, NEXT, 1)
        if (index < chunks) {
          let encoded = 0
          const count = (done: number) => {
            tick(done - encoded)
            encoded = done
          }
          if (index === written) {
            // Its turn already: straight into the file.
            const n = encodeChunk(db, chunkRange(range, index), sink, count, bundle)
            count(n)
            rows += n
            Atomics.store(control, WRITTEN, ++written)
            Atomics.notify(control, WRITTEN)
          } else {
            const memory = new MemorySink()
            try {
              const n = encodeChunk(db, chunkRange(range, index), memory, count, bundle)
              count(n)
              ready.set(index, { rows: n, parts: memory.take() })
            } catch (error) {
              if (!(error instanceof ChainBrokenError)) throw error
              broken.set(index, error)
            }
          }
          continue
        }
      }
      // Waiting for a helper's chunk: sleep until one is posted, then let worker events ('error', 'exit') run.
      const posted = Atomics.load(control, POSTED)
      drain()
      if (!ready.has(written) && !failure) Atomics.wait(control, POSTED, posted, 20)
      await new Promise((resolve) => setImmediate(resolve))
    }
    options.onProgress(rows)
    return { rows, chunks, byHelpers }
  } catch (error) {
    fail(error instanceof Error ? error : new Error(String(error)))
    throw error
  } finally {
    Atomics.store(control, STOP, 1)
    Atomics.notify(control, WRITTEN)
    for (const port of ports) port.close()
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

/** The helper side: claim chunks until none is left, hand each over, stop when told. */
export function helpCsvChunks(db: Db, data: CsvChunkWorkerData): void {
  seedChecksums(data.checksums)
  const control = new Int32Array(data.control)
  const chunks = chunkCount(data.range)
  const post = (message: CsvChunkMessage, transfer: ArrayBuffer[] = []) => {
    data.port.postMessage(message, transfer)
    Atomics.add(control, POSTED, 1)
    Atomics.notify(control, POSTED)
  }
  try {
    for (;;) {
      if (Atomics.load(control, STOP) === 1) throw new ExportCancelled()
      // Not too far ahead of the writer: what waits for its turn is held in memory.
      for (;;) {
        const written = Atomics.load(control, WRITTEN)
        if (Atomics.load(control, NEXT) - written <= AHEAD || Atomics.load(control, STOP) === 1) break
        Atomics.wait(control, WRITTEN, written, 50)
      }
      if (Atomics.load(control, STOP) === 1) throw new ExportCancelled()
      const index = Atomics.add(control, NEXT, 1)
      if (index >= chunks) break
      const memory = new MemorySink()
      let encoded = 0
      let rows: number
      try {
        rows = encodeChunk(
          db,
          chunkRange(data.range, index),
          memory,
          (done) => {
            Atomics.add(control, ROWS, done - encoded)
            encoded = done
            if (Atomics.load(control, STOP) === 1) throw new ExportCancelled()
          },
          data.bundle,
        )
      } catch (error) {
        if (!(error instanceof ChainBrokenError)) throw error
        // The writer throws it when this chunk's turn comes; the helper's work ends here.
        post({ type: 'failed', message: error.message, index, seq: error.seq })
        return
      }
      Atomics.add(control, ROWS, rows - encoded)
      const parts = memory.take()
      post({ type: 'chunk', index, rows, parts }, [...new Set(parts.map((p) => p.buffer as ArrayBuffer))])
    }
    post({ type: 'done' })
  } catch (error) {
    if (error instanceof ExportCancelled) post({ type: 'cancelled' })
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
  } finally {
    data.port.close()
  }
}
