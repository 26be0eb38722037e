import { open, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import {
  BundleChecker,
  concludeBundle,
  parseBundleHeader,
  unreadableBundle,
  type BatchResult,
  type BundleHeader,
  type BundleVerdict,
} from './bundle'
import { startCoreWorker } from '../workers'

const CHUNK = 4 * 1024 * 1024
const HEADER_END = '"events":['
/** Above this a bundle must have the streaming layout: one JSON.parse of the whole file would not fit in memory. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024
const NEWLINE = 0x0a

export interface VerifyFileOptions {
  /** Called now and then with bytes read so far and the file size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void
  /**
   * Worker threads that parse and hash events while this thread reads the file (0: all on this thread). Default:
   * one per spare core for files of 64 MB and more.
   */
  workers?: number
}

const PARALLEL_FROM = 64 * 1024 * 1024
const BATCH_LINES = 2048

/**
 * Verifies an audit bundle file with nothing but the file: no database, no network. Streams the one-event-per-line
 * layout the app writes in flat memory; a bundle re-indented by another tool (jq, an editor) is read whole instead.
 */
export async function verifyAuditBundleFile(file: string, options: VerifyFileOptions = {}): Promise<BundleVerdict> {
  let size: number
  try {
    size = (await stat(file)).size
  } catch (error) {
    return unreadableBundle(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  const handle = await open(file, 'r')
  try {
    const streamed = await verifyStreaming(handle, size, options)
    if (streamed !== 'not-streaming-layout') return streamed
    if (size > WHOLE_FILE_LIMIT)
      return unreadableBundle(
        'the file does not have the one-event-per-line layout and is too large to read whole; export it again from the app',
      )
    const text = (await handle.readFile()).toString('utf8')
    return verifyAuditBundleText(text)
  } finally {
    await handle.close()
  }
}

/** Verifies a bundle held in memory (any JSON layout). */
export function verifyAuditBundleText(text: string): BundleVerdict {
  let value: unknown
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    return unreadableBundle(`the file is not valid JSON (${(error as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return unreadableBundle('the file is not an audit bundle (no JSON object)')
  const { events, ...rest } = value as Record<string, unknown>
  const header = parseBundleHeader(rest)
  if ('error' in header) return unreadableBundle(header.error)
  if (!Array.isArray(events)) return unreadableBundle('the bundle has no "events" array')
  const checker = new BundleChecker(header.header)
  for (const event of events) if (!checker.event(event)) break
  return concludeBundle(header.header, checker.state())
}

type Handle = Awaited<ReturnType<typeof open>>

async function verifyStreaming(
  handle: Handle,
  size: number,
  { onProgress, workers }: VerifyFileOptions,
): Promise<BundleVerdict | 'not-streaming-layout'> {
  let position = 0
  let lineNo = 0
  let sink: LineSink | null = null
  let closed = false // saw the closing "]}" line
  let pendingComma = false // the previous event line ended with a comma, so another event must follow
  let sawEvent = false
  let lastReport = 0

  const handleLine = (line: string): BundleVerdict | 'not-streaming-layout' | null => {
    lineNo++
    if (sink === null) {
      const trimmed = line.replace(/^\uFEFF/, '').trimEnd()
      if (!trimmed.endsWith(HEADER_END)) return 'not-streaming-layout'
      let value: unknown
      try {
        value = JSON.parse(`${trimmed.slice(0, -HEADER_END.length).replace(/,\s*$/, '')}}`)
      } catch {
        return 'not-streaming-layout'
      }
      const header = parseBundleHeader(value)
      if ('error' in header) return unreadableBundle(header.error, 1)
      const count = workers ?? (size >= PARALLEL_FROM ? Math.min(4, availableParallelism() - 1) : 0)
      const pool = count > 0 ? VerifyPool.start(count) : null
      sink = pool ? new ParallelSink(header.header, pool) : new SequentialSink(header.header)
      return null
    }
    const trimmed = line.trim()
    if (closed) {
      if (trimmed !== '') sink.fail('text after the end of the bundle', lineNo)
      return null
    }
    if (trimmed === ']}') {
      if (pendingComma) sink.fail('the last event is followed by a comma (not valid JSON)', lineNo - 1)
      closed = true
      return null
    }
    if (trimmed === '') return null
    if (sawEvent && !pendingComma) {
      sink.fail('two events without a comma between them (not valid JSON)', lineNo)
      return null
    }
    pendingComma = trimmed.endsWith(',')
    sawEvent = true
    sink.eventLine(pendingComma ? trimmed.slice(0, -1) : trimmed, lineNo)
    return null
  }

  try {
    // The unfinished last line of a read moves to the front of the buffer and the next read lands after it: no
    // concatenation (copying each 4 MB chunk again cost a tenth of the run).
    let buffer = Buffer.allocUnsafe(CHUNK)
    let kept = 0
    while (position < size) {
      if (kept === buffer.length) {
        if (sink === null) return 'not-streaming-layout' // a header line longer than a chunk: not our layout
        const bigger = Buffer.allocUnsafe(buffer.length * 2) // one event longer than the buffer: grow
        buffer.copy(bigger, 0, 0, kept)
        buffer = bigger
      }
      const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, position)
      if (bytesRead === 0) break
      position += bytesRead
      const end = kept + bytesRead
      let start = 0
      for (let nl = buffer.indexOf(NEWLINE, start); nl !== -1 && nl < end; nl = buffer.indexOf(NEWLINE, start)) {
        const result = handleLine(buffer.toString('utf8', start, nl))
        start = nl + 1
        if (result !== null) return result
        if ((sink as LineSink | null)?.failed) return await (sink as unknown as LineSink).finish()
      }
      buffer.copy(buffer, 0, start, end)
      kept = end - start
      await (sink as LineSink | null)?.throttle()
      if (onProgress && position - lastReport >= 16 * CHUNK) {
        lastReport = position
        onProgress(position, size)
      }
    }
    if (kept > 0) {
      const result = handleLine(buffer.toString('utf8', 0, kept))
      if (result !== null) return result
    }
    onProgress?.(position, size)
    const done = sink as LineSink | null
    if (done === null) return 'not-streaming-layout'
    if (!closed) done.fail('the file ends before the closing "]}": it was cut short', lineNo)
    return await done.finish()
  } finally {
    ;(sink as LineSink | null)?.close()
  }
}

/** Where event lines go once the layout has been checked: checked here, or batched out to worker threads. */
interface LineSink {
  readonly failed: boolean
  fail(reason: string, line: number): void
  eventLine(text: string, line: number): void
  /** Waits while too much work is queued, so memory stays flat however large the file. */
  throttle(): Promise<void>
  finish(): BundleVerdict | Promise<BundleVerdict>
  close(): void
}

class SequentialSink implements LineSink {
  private readonly checker: BundleChecker
  constructor(header: BundleHeader) {
    this.checker = new BundleChecker(header)
  }
  get failed(): boolean {
    return this.checker.failed
  }
  fail(reason: string, line: number): void {
    this.checker.fail(reason, line)
  }
  eventLine(text: string, line: number): void {
    let event: unknown
    try {
      event = JSON.parse(text)
    } catch {
      this.checker.fail(`line ${line} is not a valid JSON event`, line)
      return
    }
    this.checker.event(event, line)
  }
  async throttle(): Promise<void> {}
  finish(): BundleVerdict {
    return concludeBundle(this.checker.header, this.checker.state())
  }
  close(): void {}
}

/**
 * Batches of event lines checked by worker threads (each batch on its own: hashes from content and stated prevHash,
 * links inside it), joined here in file order: the first seq and prevHash of each batch must continue the one
 * before. The verdict, first bad event included, is the one a sequential walk gives.
 */
class ParallelSink implements LineSink {
  private batch: string[] = []
  private batchLines: number[] = []
  private readonly batches: Array<{ lines: number[]; result: Promise<BatchResult> }> = []
  private layout: { line: number; reason: string } | null = null
  private bad = false
  private joined = 0

  constructor(
    private readonly header: BundleHeader,
    private readonly pool: VerifyPool,
  ) {}

  get failed(): boolean {
    return this.layout !== null || this.bad
  }

  fail(reason: string, line: number): void {
    if (!this.layout) this.layout = { line, reason }
  }

  eventLine(text: string, line: number): void {
    this.batch.push(text)
    this.batchLines.push(line)
    if (this.batch.length >= BATCH_LINES) this.dispatch()
  }

  private dispatch(): void {
    if (this.batch.length === 0) return
    const result = this.pool.check(this.batch)
    result.then(
      (r) => {
        if (r.failure) this.bad = true
      },
      () => (this.bad = true),
    )
    this.batches.push({ lines: this.batchLines, result })
    this.batch = []
    this.batchLines = []
  }

  async throttle(): Promise<void> {
    while (this.batches.length - this.joined > this.pool.size * 4) await this.batches[this.joined++].result
  }

  async finish(): Promise<BundleVerdict> {
    this.dispatch()
    let expectedSeq = this.header.range.firstSeq
    let prev = this.header.prevHash
    let count = 0
    let failure: { firstBadSeq: number; line: number; reason: string } | null = null
    for (const { lines, result } of this.batches) {
      const r = await result
      const first = lines[0]
      if (this.layout && this.layout.line < first) break
      const at = (index: number, reason: string) => ({ firstBadSeq: expectedSeq + index, line: lines[index], reason })
      const jsonProblem = (index: number) => `line ${lines[index]} is not a valid JSON event`
      if (r.failure?.index === 0 && r.firstSeq === null) {
        failure = at(0, r.failure.reason === 'not a valid JSON event' ? jsonProblem(0) : r.failure.reason)
        break
      }
      if (r.firstSeq !== expectedSeq) {
        failure = at(0, `sequence broken: expected event #${expectedSeq}, found ${r.firstSeq ?? 'none'}`)
        break
      }
      if (r.firstPrev !== prev) {
        failure = at(0, 'link to the previous event is broken (prevHash differs)')
        break
      }
      if (r.failure) {
        if (this.layout && this.layout.line < lines[r.failure.index]) {
          count += r.failure.index
          expectedSeq += r.failure.index
          break
        }
        const reason = r.failure.reason === 'not a valid JSON event' ? jsonProblem(r.failure.index) : r.failure.reason
        failure = at(r.failure.index, reason)
        count += r.failure.index
        break
      }
      count += r.count
      expectedSeq += r.count
      prev = r.lastHash
    }
    if (!failure && this.layout)
      failure = { firstBadSeq: expectedSeq, line: this.layout.line, reason: this.layout.reason }
    return concludeBundle(this.header, { count, expectedSeq, prev, failure })
  }

  close(): void {
    this.pool.close()
  }
}

/** Worker threads running `checkEventBatch`, fed round-robin. */
class VerifyPool {
  private next = 0
  private id = 0
  private readonly waiting = new Map<number, { resolve(r: BatchResult): void; reject(e: unknown): void }>()

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (m: { id: number; result: BatchResult }) => {
        this.waiting.get(m.id)?.resolve(m.result)
        this.waiting.delete(m.id)
      })
      worker.on('error', (error) => {
        for (const pending of this.waiting.values()) pending.reject(error)
        this.waiting.clear()
      })
    }
  }

  static start(count: number): VerifyPool | null {
    const workers: Worker[] = []
    for (let i = 0; i < count; i++) {
      const worker = startCoreWorker({ kind: 'verify' })
      if (!worker) break
      workers.push(worker)
    }
    return workers.length ? new VerifyPool(workers) : null
  }

  get size(): number {
    return this.workers.length
  }

  check(lines: string[]): Promise<BatchResult> {
    const id = this.id++
    const worker = this.workers[this.next++ % this.workers.length]
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      worker.postMessage({ id, lines })
    })
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate()
  }
}
