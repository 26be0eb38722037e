import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Signature, recoverAddress } from 'ethers'

/** One ECDSA public-key recovery: the digest a Safe signature signs and its r, s, v (see safeSignatureParts). */
export interface RecoverJob {
  digest: string
  r: string
  s: string
  v: 27 | 28
}

/** Below this many, threads cost more than they save (each one loads ethers: ~0.1 s). */
export const PARALLEL_MIN = 200

// The worker runs ethers' own recoverAddress, nothing else: the Safe rules (v kinds, digests) stay in safe-tx.ts.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { recoverAddress, Signature } = require(workerData.ethers)
parentPort.once('message', (jobs) => {
  parentPort.postMessage(jobs.map((j) => {
    try { return recoverAddress(j.digest, Signature.from({ r: j.r, s: j.s, v: j.v })) } catch { return null }
  }))
})
`

export function recoverOne(job: RecoverJob): string | null {
  try {
    return recoverAddress(job.digest, Signature.from({ r: job.r, s: job.s, v: job.v }))
  } catch {
    return null
  }
}

function ethersEntry(): string | null {
  try {
    return createRequire(typeof __filename === 'string' ? __filename : process.cwd() + '/index.js').resolve('ethers')
  } catch {
    return null
  }
}

function inWorker(entry: string, jobs: RecoverJob[]): Promise<Array<string | null>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ethers: entry } })
    worker.once('message', (out: Array<string | null>) => {
      resolve(out)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => code !== 0 && reject(new Error(`recovery worker exited with ${code}`)))
    worker.postMessage(jobs)
  })
}

/**
 * Recovers the signer of every job (null when a signature is not a valid point): spread over worker threads for a
 * large batch, one thread per core, and in this thread when the batch is small or threads are not available.
 * Recovery (~2 ms each) is what a 1,000-bundle import spends most of its time on.
 */
export async function recoverMany(jobs: RecoverJob[], threads = availableParallelism()): Promise<Array<string | null>> {
  const entry = jobs.length >= PARALLEL_MIN && threads > 1 ? ethersEntry() : null
  if (!entry) return jobs.map(recoverOne)
  const size = Math.ceil(jobs.length / threads)
  const chunks = Array.from({ length: threads }, (_, i) => jobs.slice(i * size, (i + 1) * size)).filter((c) => c.length)
  try {
    return (await Promise.all(chunks.map((chunk) => inWorker(entry, chunk)))).flat()
  } catch {
    return jobs.map(recoverOne)
  }
}
