import { describe, expect, inject, it } from 'vitest'

/** The sandbox node answers the app (no Origin) and refuses any web page (an Origin, or a rebinding Host). */
describe('sandbox Hardhat node: foreign origins refused', () => {
  const { rpcUrl } = inject('sandbox')
  const rpc = (headers: Record<string, string>, method = 'eth_chainId') =>
    fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
    })

  it('answers the app, whose calls carry no Origin', async () => {
    const res = await rpc({})
    expect(res.status).toBe(200)
    expect(((await res.json()) as { result: string }).result).toBe('0x7a69')
  })

  it('refuses a page with an Origin (even a state-changing call) and a DNS-rebinding Host', async () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:5173', 'null']) {
      const res = await rpc({ origin }, 'hardhat_setBalance')
      expect(res.status).toBe(403)
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    }
    // A CORS preflight from a page is refused too, so the browser never sends the real request.
    const preflight = await fetch(rpcUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(403)
    const { port } = new URL(rpcUrl)
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          headers: { host: `evil.example:${port}`, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }))
    })
    expect(status).toBe(403)
  })
})
