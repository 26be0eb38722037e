import { scrypt as nodeScrypt } from 'node:crypto'
import { scrypt as ethersScrypt } from 'ethers'

/**
 * Web3 Secret Storage's KDF parameters for new keystores: ethers' defaults (N = 2^17, r = 8, p = 1), ~0.7 s to
 * derive on a laptop core. Files keep their own parameters, so any keystore still opens whatever was used.
 */
export const KEYSTORE_SCRYPT = { N: 131072, r: 8, p: 1 } as const

let registered = false

/**
 * Routes ethers' scrypt to Node's native one: same bytes, but it runs on libuv's thread pool, so a 0.7 s key
 * derivation no longer stalls the main process (IPC, the browser host) while it runs.
 */
export function useNativeScrypt(): void {
  if (registered) return
  registered = true
  ethersScrypt.register(
    (password, salt, N, r, p, dkLen) =>
      new Promise<Uint8Array>((resolve, reject) =>
        nodeScrypt(password, salt, dkLen, { N, r, p, maxmem: 128 * N * r + 64 * 1024 * 1024 }, (error, key) =>
          error ? reject(error) : resolve(new Uint8Array(key)),
        ),
      ),
  )
}
