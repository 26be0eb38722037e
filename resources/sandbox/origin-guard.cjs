// Loaded by node-runner.cjs before Hardhat: every HTTP server made in this process (Hardhat's JSON-RPC server)
// refuses a request or WebSocket upgrade that carries an Origin header, or a Host that is not loopback. The app's
// own calls (Node fetch, ethers, viem in the main process) send no Origin; a web page that finds the port always
// does, so it can neither rewrite the sandbox chain nor read it (DNS rebinding is stopped by the Host check).
'use strict'

const http = require('node:http')

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i

function refusal(req) {
  if (req.headers.origin !== undefined) return 'foreign Origin'
  if (!LOOPBACK_HOST.test(req.headers.host ?? '')) return 'unexpected Host'
  return null
}

const createServer = http.createServer
http.createServer = function guardedCreateServer(...args) {
  const server = createServer.apply(this, args)
  const emit = server.emit
  server.emit = function guardedEmit(event, req, resOrSocket, ...rest) {
    if (event === 'request' || event === 'upgrade') {
      const reason = refusal(req)
      if (reason) {
        if (event === 'upgrade') {
          resOrSocket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
        } else {
          const body = JSON.stringify({
            jsonrpc: '2.0',
            id: null,
            error: { code: -32600, message: `Refused: ${reason}.` },
          })
          resOrSocket.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
          resOrSocket.end(body)
        }
        return true
      }
    }
    return emit.call(this, event, req, resOrSocket, ...rest)
  }
  return server
}
