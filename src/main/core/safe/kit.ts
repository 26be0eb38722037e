import { createRequire } from 'node:module'
import type * as Kit from '@safe-global/protocol-kit'

let kit: typeof Kit | undefined

/**
 * protocol-kit, loaded on first use: with viem and its chain list it takes seconds to load, which the app's start
 * (boot, listen, first paint: see bench/startup.bench.ts) does not wait for any more.
 */
export function protocolKit(): typeof Kit {
  return (kit ??= createRequire(__filename)('@safe-global/protocol-kit') as typeof Kit)
}
