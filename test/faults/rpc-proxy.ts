import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export type FaultMode = 'pass' | 'down' | 'slow' | 'wrong-chain' | 'malformed' | 'garbage' | 'drop-calls'

/**
 * A JSON-RPC proxy in front of the sandbox node that injects faults: refuses connections (down), answers late
 * (slow), claims another chain (wrong-chain), returns results of the wrong shape (malformed) or no JSON at all, or
 * drops every n-th request that carries an eth_call (drop-calls: a public RPC shedding heavy reads; n = 1 drops all).
 */
export async function startFaultProxy(upstream: string, slowMs = 5_000) {
  let mode: FaultMode = 'pass'
  let dropEvery = 10
  const dropState = { calls: 0, dropped: 0 }
  const sockets = new Set<Socket>()
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    if (mode === 'down') {
      req.socket.destroy()
      return
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, slowMs))
    if (mode === 'drop-calls' && body.includes('"eth_call"') && ++dropState.calls % dropEvery === 0) {
      dropState.dropped += 1
      req.socket.destroy()
      return
    }
    if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('<html>502 Bad Gateway</html>')
      return
    }
    let parsed: { id?: unknown; method?: string } | Array<{ id?: unknown; method?: string }>
    try {
      parsed = JSON.parse(body)
    } catch {
      res.writeHead(400).end()
      return
    }
    const reply = (one: { id?: unknown; method?: string }) => {
      if (mode === 'wrong-chain' && one.method === 'eth_chainId') return { jsonrpc: '2.0', id: one.id, result: '0x1' }
      if (mode === 'wrong-chain' && one.method === 'net_version') return { jsonrpc: '2.0', id: one.id, result: '1' }
      if (mode === 'malformed')
        return {
          jsonrpc: '2.0',
          id: one.id,
          result: one.method === 'eth_chainId' ? '0x7a69' : { unexpected: ['shape'] },
        }
      return null
    }
    const faked = Array.isArray(parsed) ? parsed.map(reply) : reply(parsed)
    if (faked && (!Array.isArray(faked) || faked.every(Boolean))) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(faked))
      return
    }
    // The node gone (stopped while a request was still in flight, e.g. after a stopped read): a bad gateway.
    let status: number
    let text: string
    try {
      const upstreamReply = await fetch(upstream, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
      status = upstreamReply.status
      text = await upstreamReply.text()
    } catch {
      if (!res.destroyed) res.writeHead(502).end()
      return
    }
    if (res.destroyed) return
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(text)
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    /** `every`: for drop-calls, which eth_call requests are dropped (every n-th; counted from this call). */
    setMode(next: FaultMode, every = 10) {
      mode = next
      dropEvery = every
      dropState.calls = 0
      dropState.dropped = 0
    },
    dropState,
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
