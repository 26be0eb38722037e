import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/** Thrown inside an export when the person cancelled it; the sink's file is removed. */
export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.')
    this.name = 'ExportCancelled'
  }
}

const BUFFER_BYTES = 1 << 20 // one write per ~1 MB keeps syscalls few and memory flat

/**
 * Writes a file under a hidden temporary name beside its destination and renames it into place only when
 * complete: a crash, a failure or a cancel never leaves a partial export under the real name.
 */
export class FileSink {
  readonly tempPath: string
  private fd: number | null
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  private used = 0
  private written = 0

  /** `temp: false` writes straight to `finalPath` (a part file that is itself hidden and temporary). */
  constructor(
    readonly finalPath: string,
    options: { temp?: boolean } = {},
  ) {
    mkdirSync(dirname(finalPath), { recursive: true })
    this.tempPath =
      options.temp === false
        ? finalPath
        : join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(4).toString('hex')}.partial`)
    this.fd = openSync(this.tempPath, options.temp === false ? 'w' : 'wx', 0o600)
  }

  /** Bytes handed to the OS so far (buffered bytes not included). */
  get bytes(): number {
    return this.written
  }

  /**
   * Encodes the text straight into a reused buffer. Callers write a line at a time: the line's string pieces die
   * young, where accumulating a megabyte of concatenated strings first had the GC copy them around (3× slower).
   */
  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > BUFFER_BYTES) {
      this.flush()
      if (text.length * 3 > BUFFER_BYTES) {
        this.writeAll(Buffer.from(text, 'utf8'))
        return
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8')
  }

  writeBytes(bytes: Uint8Array): void {
    if (this.used + bytes.length > BUFFER_BYTES) {
      this.flush()
      if (bytes.length > BUFFER_BYTES) {
        this.writeAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))
        return
      }
    }
    this.buffer.set(bytes, this.used)
    this.used += bytes.length
  }

  /** Writes bytes the caller will not touch again (a chunk encoded elsewhere) without copying them first. */
  writeOwned(bytes: Uint8Array): void {
    if (bytes.length < 64 * 1024) return this.writeBytes(bytes)
    this.flush()
    this.writeAll(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))
  }

  flush(): void {
    if (this.used === 0) return
    this.writeAll(this.buffer.subarray(0, this.used))
    this.used = 0
  }

  private writeAll(bytes: Buffer): void {
    if (this.fd === null) throw new Error('export file already closed')
    for (let offset = 0; offset < bytes.length;) offset += writeSync(this.fd, bytes, offset)
    this.written += bytes.length
  }

  /** Flushes, syncs to disk and moves the file into place. Returns its size. */
  commit(): number {
    this.flush()
    if (this.fd === null) throw new Error('export file already closed')
    fsyncSync(this.fd)
    closeSync(this.fd)
    this.fd = null
    if (this.tempPath !== this.finalPath) renameSync(this.tempPath, this.finalPath)
    return this.written
  }

  abort(): void {
    if (this.fd !== null) {
      closeSync(this.fd)
      this.fd = null
    }
    this.used = 0
    rmSync(this.tempPath, { force: true })
  }
}
