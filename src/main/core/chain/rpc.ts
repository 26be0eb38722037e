import { JsonRpcProvider, Network } from 'ethers'
import { RpcTimeoutError, rpcTimeoutMs } from './timeout'

/**
 * An ethers provider for one RPC URL. cacheTimeout -1: ethers otherwise caches answers for 250 ms, which on an
 * instantly mining node returns a stale nonce ("nonce too low"). staticNetwork: no chainId probe on every call.
 */
export function rpcProvider(rpcUrl: string, chainId?: number): JsonRpcProvider {
  const network = chainId === undefined ? undefined : Network.from(chainId)
  return new JsonRpcProvider(rpcUrl, network, {
    cacheTimeout: -1,
    staticNetwork: network ?? undefined,
    batchMaxCount: 1,
  })
}

/** Reads the chainId an RPC endpoint reports, with a bounded wait, so a dead URL fails fast and clearly. */
export async function readChainId(rpcUrl: string, timeoutMs = rpcTimeoutMs()): Promise<number> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: controller.signal,
    })
    const body = (await response.json()) as { result?: unknown }
    if (typeof body.result !== 'string' || !/^0x[0-9a-f]+$/i.test(body.result)) {
      throw new Error('the endpoint did not answer eth_chainId with a hex number')
    }
    return Number(BigInt(body.result))
  } catch (error) {
    // The abort's own message ("This operation was aborted") says nothing to a user; say what happened.
    if (controller.signal.aborted) throw new RpcTimeoutError(timeoutMs)
    throw error
  } finally {
    clearTimeout(timer)
  }
}
