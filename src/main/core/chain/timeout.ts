/** How long one chain read may take before the app says the RPC is too slow (env override for tests and slow links). */
export function rpcTimeoutMs(): number {
  const fromEnv = Number(process.env.TREASURY_RPC_TIMEOUT_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 20_000
}

export class RpcTimeoutError extends Error {
  constructor(ms: number) {
    super(`the RPC did not answer within ${Math.round(ms / 1000)} s`)
    this.name = 'RpcTimeoutError'
  }
}

/** Bounds a chain operation; the operation itself may still finish later, its result is then ignored. */
export async function withRpcTimeout<T>(work: Promise<T>, ms = rpcTimeoutMs()): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RpcTimeoutError(ms)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}
