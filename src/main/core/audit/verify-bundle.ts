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
const COMMA = 0x2c
const CLOSE_BRACKET = 0x5d
const CLOSE_BRACE = 0x7d

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d
}

export interface VerifyFileOptions {
  /** Called now and then with bytes read so far and the file size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void
  /**
   * Worker threads that parse and hash events while this thread reads the file (0: all on this thread). Default:
   * one per core (at most 4) for files of 64 MB and more: reading and splitting lines here costs a small fraction
   * of the hashing, so a thread per core keeps every core hashing.
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

  // A line is looked at as bytes: only an event's own text is decoded (here, or by the worker that checks it).
  const handleLine = (bytes: Buffer, from: number, to: number): BundleVerdict | 'not-streaming-layout' | null => {
    lineNo++
    if (sink === null) {
      const trimmed = bytes
        .toString('utf8', from, to)
        .replace(/^\uFEFF/, '')
        .trimEnd()
      if (!trimmed.endsWith(HEADER_END)) return 'not-streaming-layout'
      let value: unknown
      try {
        value = JSON.parse(`${trimmed.slice(0, -HEADER_END.length).replace(/,\s*$/, '')}}`)
      } catch {
        return 'not-streaming-layout'
      }
      const header = parseBundleHeader(value)
      if ('error' in header) return unreadableBundle(header.error, 1)
      const count = workers ?? (size >= PARALLEL_FROM ? Math.min(4, availableParallelism()) : 0)
      const pool = count > 0 ? VerifyPool.start(count) : null
      sink = pool ? new ParallelSink(header.header, pool) : new SequentialSink(header.header)
      return null
    }
    // JSON's own whitespace around a line (a line with anything else around its event is not valid JSON).
    while (from < to && isJsonSpace(bytes[from])) from++
    while (to > from && isJsonSpace(bytes[to - 1])) to--
    if (closed) {
      if (to > from) sink.fail('text after the end of the bundle', lineNo)
      return null
    }
    if (to - from === 2 && bytes[from] === CLOSE_BRACKET && bytes[from + 1] === CLOSE_BRACE) {
      if (pendingComma) sink.fail('the last event is followed by a comma (not valid JSON)', lineNo - 1)
      closed = true
      return null
    }
    if (to === from) return null
    if (sawEvent && !pendingComma) {
      sink.fail('two events without a comma between them (not valid JSON)', lineNo)
      return null
    }
    pendingComma = bytes[to - 1] === COMMA
    sawEvent = true
    sink.eventLine(bytes, from, pendingComma ? to - 1 : to, lineNo)
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
        const result = handleLine(buffer, start, nl)
        start = nl + 1
        if (result !== null) return result
        if ((sink as LineSink | null)?.failed) return await (sink as unknown as LineSink).finish()
      }
      // Before the unfinished line moves: the sink sends what it holds of this buffer.
      await (sink as LineSink | null)?.throttle()
      buffer.copy(buffer, 0, start, end)
      kept = end - start
      if (onProgress && position - lastReport >= 16 * CHUNK) {
        lastReport = position
        onProgress(position, size)
      }
    }
    if (kept > 0) {
      const result = handleLine(buffer, 0, kept)
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
  /** One event's text: `bytes` from `from` to `to` (valid only during the call: the read buffer is reused). */
  eventLine(bytes: Buffer, from: number, to: number, line: number): void
  /**
   * Called after each read, before the buffer is reused (event texts handed over earlier are views on it). Waits
   * while too much work is queued, so memory stays flat however large the file.
   */
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
  eventLine(bytes: Buffer, from: number, to: number, line: number): void {
    let event: unknown
    try {
      event = JSON.parse(bytes.toString('utf8', from, to))
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
  // Consecutive event lines of the read buffer, as one span of its bytes: in the app's layout the bytes between
  // two events are exactly ",\n", so a span is copied once and handed over (transferred) to a worker, which decodes
  // it once and splits it on ",\n". No string per line on this thread, no copy per line.
  private span: { bytes: Buffer; from: number; to: number } | null = null
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

  eventLine(bytes: Buffer, from: number, to: number, line: number): void {
    // The layout check let this event in only after a comma, so a gap of two bytes is ",\n" and nothing else.
    const span = this.span
    if (span && span.bytes === bytes && from === span.to + 2) span.to = to
    else {
      this.dispatch()
      this.span = { bytes, from, to }
    }
    this.batchLines.push(line)
    if (this.batchLines.length >= BATCH_LINES) this.dispatch()
  }

  /** Sends the span read so far: before the read buffer is reused, and at the end. */
  private dispatch(): void {
    const span = this.span
    if (!span) return
    this.span = null
    const copy = Buffer.allocUnsafeSlow(span.to - span.from)
    span.bytes.copy(copy, 0, span.from, span.to)
    const result = this.pool.check(copy)
    result.then(
      (r) => {
        if (r.failure) this.bad = true
      },
      () => (this.bad = true),
    )
    this.batches.push({ lines: this.batchLines, result })
    this.batchLines = []
  }

  async throttle(): Promise<void> {
    this.dispatch()
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

  /** `bytes`: event texts separated by ",\n", on a buffer of their own, which is transferred. */
  check(bytes: Buffer): Promise<BatchResult> {
    const id = this.id++
    const worker = this.workers[this.next++ % this.workers.length]
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
      worker.postMessage({ id, bytes: view }, [bytes.buffer as ArrayBuffer])
    })
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate()
  }
}
