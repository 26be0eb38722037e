import { Worker } from 'node:worker_threads'
import type { KdfParams } from './kdf'

/*
 * The worker's whole program: Node's own scrypt and pbkdf2, synchronous inside the worker so they take neither the
 * main thread nor a slot of libuv's shared thread pool. It needs nothing but node:crypto, so the same string runs
 * from source, from the build and in Electron's main process.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { scryptSync, pbkdf2Sync } = require('node:crypto')
parentPort.on('message', ({ id, params, password }) => {
  try {
    const salt = Buffer.from(params.salt, 'hex')
    const secret = Buffer.from(password, 'utf8')
    const key = params.kdf === 'scrypt'
      ? scryptSync(secret, salt, params.dklen, { N: params.N, r: params.r, p: params.p, maxmem: workerData.maxmem })
      : pbkdf2Sync(secret, salt, params.c, params.dklen, 'sha256')
    secret.fill(0)
    parentPort.postMessage({ id, key })
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) })
  }
})
`

interface Pending {
  resolve: (key: Buffer) => void
  reject: (error: Error) => void
}

/** One long-lived worker thread for key derivations, started on first use and ended by close(). */
export class KdfWorker {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1

  constructor(private readonly maxmem: number) {}

  derive(params: KdfParams, password: string): Promise<Buffer> {
    const worker = this.start()
    const id = this.nextId++
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.ref() // keep the process alive while a derivation is owed
      // ethers and geth derive from the NFKC form of the passphrase; so must we, to open their files.
      worker.postMessage({ id, params, password: password.normalize('NFKC') })
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = null
    if (worker) await worker.terminate()
    this.fail(new Error('The key store closed during a key derivation.'))
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { maxmem: this.maxmem } })
    worker.on('message', (message: { id: number; key?: Uint8Array; error?: string }) => {
      const entry = this.pending.get(message.id)
      if (!entry) return
      this.pending.delete(message.id)
      if (this.pending.size === 0) worker.unref()
      if (message.key) entry.resolve(Buffer.from(message.key))
      else entry.reject(new Error(`Key derivation failed: ${message.error ?? 'unknown error'}`))
    })
    const lost = (error: Error) => {
      if (this.worker === worker) this.worker = null
      this.fail(error)
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`The key derivation worker stopped (exit code ${code}).`)))
    worker.unref()
    this.worker = worker
    return worker
  }

  private fail(error: Error): void {
    for (const entry of this.pending.values()) entry.reject(error)
    this.pending.clear()
  }
}
