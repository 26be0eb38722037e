import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { Signature, recoverAddress } from 'ethers'
import { addressOfPublicKey, checksumLower, nativeSecp256k1 } from './native-crypto'

/** One ECDSA public-key recovery: the digest a Safe signature signs and its r, s, v (see safeSignatureParts). */
export interface RecoverJob {
  digest: string
  r: string
  s: string
  v: 27 | 28
}

/** Pure-JS recovery only: below this many, threads cost more than they save (each one loads ethers: ~0.1 s). */
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

/**
 * The signer's address (EIP-55) of one job, or null when the signature is not a valid one: through libsecp256k1
 * when it loads, ethers otherwise. Both accept and refuse the same signatures (the tests compare them): r and s
 * of 32 bytes, s below 2^255 (ethers' "non-canonical s" rule; a high s below that recovers, as ecrecover does on
 * chain), r and s non-zero and below the curve order, a point that exists.
 */
export function recoverOne(job: RecoverJob): string | null {
  const lib = nativeSecp256k1()
  return lib ? recoverNative(lib, job) : recoverOneJs(job)
}

export function recoverOneJs(job: RecoverJob): string | null {
  try {
    return recoverAddress(job.digest, Signature.from({ r: job.r, s: job.s, v: job.v }))
  } catch {
    return null
  }
}

const HEX32 = /^0x[0-9a-fA-F]{64}$/

function recoverNative(lib: NonNullable<ReturnType<typeof nativeSecp256k1>>, job: RecoverJob): string | null {
  if (!HEX32.test(job.r) || !HEX32.test(job.s) || !HEX32.test(job.digest)) return null
  if (job.v !== 27 && job.v !== 28) return null
  const rs = Buffer.from(job.r.slice(2) + job.s.slice(2), 'hex')
  if (rs[32] >= 0x80) return null // s ≥ 2^255: refused by ethers' Signature
  let key: Uint8Array
  try {
    key = lib.ecdsaRecover(rs, job.v - 27, Buffer.from(job.digest.slice(2), 'hex'), false)
  } catch {
    return null // r or s zero or ≥ n, or no point with that x
  }
  return checksumLower(addressOfPublicKey(key))
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
 * Recovers the signer of every job (null when a signature is not a valid point). With libsecp256k1 (~0.1 ms a
 * recovery) this thread does them all: a thread's start-up costs more than 1,000 recoveries. Without it (pure JS,
 * ~2.3 ms each) a large batch is spread over worker threads, one per core.
 */
export async function recoverMany(jobs: RecoverJob[], threads = availableParallelism()): Promise<Array<string | null>> {
  if (nativeSecp256k1()) return jobs.map(recoverOne)
  return recoverManyJs(jobs, threads)
}

export async function recoverManyJs(
  jobs: RecoverJob[],
  threads = availableParallelism(),
): Promise<Array<string | null>> {
  const entry = jobs.length >= PARALLEL_MIN && threads > 1 ? ethersEntry() : null
  if (!entry) return jobs.map(recoverOneJs)
  const size = Math.ceil(jobs.length / threads)
  const chunks = Array.from({ length: threads }, (_, i) => jobs.slice(i * size, (i + 1) * size)).filter((c) => c.length)
  try {
    return (await Promise.all(chunks.map((chunk) => inWorker(entry, chunk)))).flat()
  } catch {
    return jobs.map(recoverOneJs)
  }
}
