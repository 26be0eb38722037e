// A loopback stand-in for the Safe Transaction Service, for integration and e2e tests (no real service runs on these
// machines). It serves the endpoints @safe-global/api-kit calls, in the service's request and response shapes, and
// applies the service's rules to what it receives: the contract-transaction hash recomputed from the fields, the
// sender and every confirmation recovered and checked against the Safe's owners read from the real chain, executed
// nonces refused, a second confirmation by one owner refused. Executions are found from the chain's
// ExecutionSuccess events, as the service's indexer does. Its hashing and recovery use viem, independent of the
// app's ethers code. Fault modes make it down, slow, malformed or garbage; `lie` stores what the rules would refuse.
// It imports no test framework.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { viemSafeTxHash, type SafeTxFields } from '../independent/viem-safe-tx'
import {
  createPublicClient,
  getAddress,
  http,
  isAddress,
  parseAbi,
  recoverAddress,
  hashMessage,
  toEventSelector,
  type Hex,
} from 'viem'

export type StandInMode = 'pass' | 'down' | 'slow' | 'malformed' | 'garbage'

export interface StandInConfirmation {
  owner: string
  submissionDate: string
  transactionHash: null
  signature: string
  signatureType: 'EOA' | 'ETH_SIGN' | 'APPROVED_HASH' | 'CONTRACT_SIGNATURE'
}

export interface StandInTransaction {
  safe: string
  to: string
  value: string
  data: string | null
  operation: number
  gasToken: string
  safeTxGas: string
  baseGas: string
  gasPrice: string
  refundReceiver: string
  nonce: string
  safeTxHash: string
  proposer: string
  origin: string | null
  submissionDate: string
  modified: string
  isExecuted: boolean
  isSuccessful: boolean | null
  executionDate: string | null
  blockNumber: number | null
  transactionHash: string | null
  executor: string | null
  confirmations: StandInConfirmation[]
}

const SAFE_ABI = parseAbi([
  'function getOwners() view returns (address[])',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
  'function VERSION() view returns (string)',
])
// ExecutionSuccess(bytes32 txHash, uint256 payment): txHash indexed in v1.4.1, in the data in v1.3.0.
const EXECUTION_SUCCESS = toEventSelector('ExecutionSuccess(bytes32,uint256)')

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(JSON.stringify(body))
  }
}

const refuse = (status: number, message: string) => new Refusal(status, { nonFieldErrors: [message] })

/** The owner a 65-byte Safe signature stands for, as the service reads it (EOA, eth_sign, approved hash). */
async function signatureOwner(
  hash: Hex,
  signature: string,
): Promise<{ owner: string; type: StandInConfirmation['signatureType'] }> {
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) throw refuse(422, 'Signature is not 65 bytes')
  const v = parseInt(signature.slice(130, 132), 16)
  const r = signature.slice(0, 66) as Hex
  const s = `0x${signature.slice(66, 130)}` as Hex
  if (v === 27 || v === 28) return { owner: await recoverAddress({ hash, signature: signature as Hex }), type: 'EOA' }
  if (v === 31 || v === 32) {
    const digest = hashMessage({ raw: hash })
    return {
      owner: await recoverAddress({ hash: digest, signature: `${r}${s.slice(2)}${(v - 4).toString(16)}` as Hex }),
      type: 'ETH_SIGN',
    }
  }
  if (v === 1) return { owner: getAddress(`0x${r.slice(26)}`), type: 'APPROVED_HASH' }
  throw refuse(422, `Signature type v=${v} is not supported`)
}

export async function startTxServiceStandIn(p: { rpcUrl: string; chainId: number; slowMs?: number }) {
  const client = createPublicClient({ transport: http(p.rpcUrl) })
  let mode: StandInMode = 'pass'
  const slowMs = p.slowMs ?? 5_000
  const txs = new Map<string, StandInTransaction>()
  const requests: Array<{ method: string; path: string; status: number }> = []
  const sockets = new Set<Socket>()

  async function safeState(safe: string) {
    const address = getAddress(safe)
    const [owners, threshold, nonce, version] = await Promise.all([
      client.readContract({ address, abi: SAFE_ABI, functionName: 'getOwners' }),
      client.readContract({ address, abi: SAFE_ABI, functionName: 'getThreshold' }),
      client.readContract({ address, abi: SAFE_ABI, functionName: 'nonce' }),
      client.readContract({ address, abi: SAFE_ABI, functionName: 'VERSION' }),
    ])
    return { owners: owners.map((o) => getAddress(o)), threshold: Number(threshold), nonce, version }
  }

  /** What the indexer would have seen: ExecutionSuccess events of the Safes it holds transactions for. */
  async function index() {
    const open = [...txs.values()].filter((t) => !t.isExecuted)
    for (const safe of new Set(open.map((t) => t.safe))) {
      const logs = await client.getLogs({ address: getAddress(safe), fromBlock: 0n, toBlock: 'latest' })
      for (const log of logs) {
        let hash: string | null = null
        if (log.topics[0] === EXECUTION_SUCCESS) hash = log.topics.length > 1 ? log.topics[1]! : log.data.slice(0, 66)
        if (!hash) continue
        const tx = txs.get(hash.toLowerCase())
        if (!tx || tx.isExecuted) continue
        const receipt = await client.getTransactionReceipt({ hash: log.transactionHash! })
        const block = await client.getBlock({ blockNumber: log.blockNumber! })
        Object.assign(tx, {
          isExecuted: true,
          isSuccessful: true,
          transactionHash: log.transactionHash,
          blockNumber: Number(log.blockNumber),
          executor: getAddress(receipt.from),
          executionDate: new Date(Number(block.timestamp) * 1000).toISOString(),
          modified: new Date().toISOString(),
        })
      }
    }
  }

  function view(t: StandInTransaction) {
    return {
      ...t,
      ethGasPrice: null,
      maxFeePerGas: null,
      maxPriorityFeePerGas: null,
      gasUsed: null,
      fee: null,
      proposedByDelegate: null,
      dataDecoded: null,
      confirmationsRequired: 0,
      trusted: true,
      signatures: null,
    }
  }

  async function propose(safeParam: string, body: Record<string, unknown>) {
    if (!isAddress(safeParam, { strict: true }) || safeParam !== getAddress(safeParam))
      throw refuse(422, 'Checksum address validation failed')
    const safe = getAddress(safeParam)
    const fields = body as unknown as SafeTxFields & {
      contractTransactionHash: string
      sender: string
      signature?: string
      origin?: string
    }
    let hash: Hex
    try {
      hash = viemSafeTxHash(p.chainId, safe, {
        ...fields,
        refundReceiver: fields.refundReceiver ?? '0x0000000000000000000000000000000000000000',
      })
    } catch {
      throw refuse(422, 'Invalid data')
    }
    if (hash.toLowerCase() !== String(fields.contractTransactionHash).toLowerCase())
      throw refuse(
        422,
        `Contract-transaction-hash=${hash} does not match provided contract-tx-hash=${fields.contractTransactionHash}`,
      )
    const state = await safeState(safe)
    if (BigInt(fields.nonce) < state.nonce)
      throw refuse(422, `Tx with nonce=${fields.nonce} for safe=${safe} already executed`)
    const sender = getAddress(String(fields.sender))
    if (!state.owners.includes(sender))
      throw refuse(422, `Sender=${sender} is not an owner or delegate. Current owners=${state.owners}`)
    const now = new Date().toISOString()
    const existing = txs.get(hash.toLowerCase())
    const tx: StandInTransaction = existing ?? {
      safe,
      to: getAddress(fields.to),
      value: String(fields.value),
      data: fields.data && fields.data !== '0x' ? fields.data : null,
      operation: Number(fields.operation),
      gasToken: getAddress(fields.gasToken),
      safeTxGas: String(fields.safeTxGas),
      baseGas: String(fields.baseGas),
      gasPrice: String(fields.gasPrice),
      refundReceiver: getAddress(fields.refundReceiver),
      nonce: String(fields.nonce),
      safeTxHash: hash,
      proposer: sender,
      origin: fields.origin ?? null,
      submissionDate: now,
      modified: now,
      isExecuted: false,
      isSuccessful: null,
      executionDate: null,
      blockNumber: null,
      transactionHash: null,
      executor: null,
      confirmations: [],
    }
    if (fields.signature) {
      const { owner, type } = await signatureOwner(hash, fields.signature)
      if (owner !== sender) throw refuse(422, `Signer=${owner} is not the sender=${sender}`)
      if (!tx.confirmations.some((c) => c.owner === owner))
        tx.confirmations.push({
          owner,
          submissionDate: now,
          transactionHash: null,
          signature: fields.signature,
          signatureType: type,
        })
    }
    txs.set(hash.toLowerCase(), tx)
  }

  async function confirm(hashParam: string, body: Record<string, unknown>) {
    const tx = txs.get(hashParam.toLowerCase())
    if (!tx) throw new Refusal(404, { detail: 'Not found.' })
    if (tx.isExecuted) throw refuse(422, `Transaction with safe-tx-hash=${tx.safeTxHash} was already executed`)
    const signature = String(body.signature ?? '')
    const { owner, type } = await signatureOwner(tx.safeTxHash as Hex, signature)
    const state = await safeState(tx.safe)
    if (!state.owners.includes(owner as Hex))
      throw refuse(422, `Signer=${owner} is not an owner. Current owners=${state.owners}`)
    if (tx.confirmations.some((c) => c.owner === owner))
      throw refuse(400, `Signature for owner=${owner} and safe-tx-hash=${tx.safeTxHash} already exists`)
    tx.confirmations.push({
      owner,
      submissionDate: new Date().toISOString(),
      transactionHash: null,
      signature,
      signatureType: type,
    })
    tx.modified = new Date().toISOString()
    return { signature }
  }

  async function route(method: string, url: URL, body: Record<string, unknown>): Promise<[number, unknown]> {
    const path = url.pathname.replace(/\/+$/, '/')
    let m: RegExpMatchArray | null
    if (method === 'GET' && path === '/api/v1/about/')
      return [200, { name: 'Safe Transaction Service (test stand-in)', version: '5.x' }]
    if (method === 'GET' && (m = path.match(/^\/api\/v1\/safes\/(0x[0-9a-fA-F]{40})\/$/))) {
      const state = await safeState(m[1])
      return [
        200,
        {
          address: getAddress(m[1]),
          nonce: state.nonce.toString(),
          threshold: state.threshold,
          owners: state.owners,
          masterCopy: '0x0000000000000000000000000000000000000000',
          modules: [],
          fallbackHandler: '0x0000000000000000000000000000000000000000',
          guard: '0x0000000000000000000000000000000000000000',
          version: state.version,
        },
      ]
    }
    if ((m = path.match(/^\/api\/v2\/safes\/(0x[0-9a-fA-F]{40})\/multisig-transactions\/$/))) {
      if (method === 'POST') {
        await propose(m[1], body)
        return [201, null]
      }
      await index()
      const safe = getAddress(m[1])
      const executed = url.searchParams.get('executed')
      const gte = url.searchParams.get('nonce__gte')
      const results = [...txs.values()]
        .filter((t) => t.safe === safe)
        .filter((t) => executed === null || String(t.isExecuted) === executed)
        .filter((t) => gte === null || BigInt(t.nonce) >= BigInt(gte))
        .sort((a, b) => Number(BigInt(b.nonce) - BigInt(a.nonce)) || b.submissionDate.localeCompare(a.submissionDate))
      if (url.searchParams.get('ordering') === 'nonce') results.reverse()
      // Paged as the service pages (limit/offset); `next` names the following page when there is one.
      const offset = Number(url.searchParams.get('offset') ?? 0)
      const limit = Number(url.searchParams.get('limit') ?? 20)
      const next = new URL(url)
      next.searchParams.set('offset', String(offset + limit))
      return [
        200,
        {
          count: results.length,
          next: offset + limit < results.length ? next.toString() : null,
          previous: null,
          countUniqueNonce: results.length,
          results: results.slice(offset, offset + limit).map(view),
        },
      ]
    }
    if (method === 'GET' && (m = path.match(/^\/api\/v2\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/$/))) {
      await index()
      const tx = txs.get(m[1].toLowerCase())
      return tx ? [200, view(tx)] : [404, { detail: 'Not found.' }]
    }
    if ((m = path.match(/^\/api\/v1\/multisig-transactions\/(0x[0-9a-fA-F]{64})\/confirmations\/$/))) {
      if (method === 'POST') return [201, await confirm(m[1], body)]
      const tx = txs.get(m[1].toLowerCase())
      if (!tx) return [404, { detail: 'Not found.' }]
      return [200, { count: tx.confirmations.length, next: null, previous: null, results: tx.confirmations }]
    }
    return [404, { detail: 'Not found.' }]
  }

  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (mode === 'down') {
      req.socket.destroy()
      return
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, slowMs))
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const method = req.method ?? 'GET'
    if (mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>')
      requests.push({ method, path: url.pathname, status: 200 })
      return
    }
    if (mode === 'malformed' && method === 'GET') {
      const wrong =
        url.pathname.includes('/safes/') && !url.pathname.endsWith('multisig-transactions/')
          ? { address: 42 }
          : { count: 1, results: [{ safe: 'not a Safe', nonce: { unexpected: ['shape'] } }] }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(wrong))
      requests.push({ method, path: url.pathname, status: 200 })
      return
    }
    let status: number
    let payload: unknown
    try {
      const text = Buffer.concat(chunks).toString('utf8')
      const body = text && text !== 'undefined' ? (JSON.parse(text) as Record<string, unknown>) : {}
      ;[status, payload] = await route(method, url, body)
    } catch (error) {
      if (error instanceof Refusal) [status, payload] = [error.status, error.body]
      else [status, payload] = [500, { detail: error instanceof Error ? error.message.split('\n')[0] : String(error) }]
    }
    requests.push({ method, path: url.pathname, status })
    if (payload === null) res.writeHead(status).end()
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    /** What api-kit takes as txServiceUrl (the service's /api root). */
    url: `${origin}/api`,
    requests,
    setMode(next: StandInMode) {
      mode = next
    },
    /** The stored transaction, as indexed from the chain now. */
    async transaction(safeTxHash: string): Promise<StandInTransaction | null> {
      await index()
      return txs.get(safeTxHash.toLowerCase()) ?? null
    },
    /**
     * A lying service: stores a transaction or a confirmation as given, with none of the rules (a tampered field, a
     * confirmation by a non-owner or over another hash).
     */
    lie: {
      storeTransaction(tx: StandInTransaction) {
        txs.set(tx.safeTxHash.toLowerCase(), tx)
      },
      addConfirmation(safeTxHash: string, c: { owner: string; signature: string }) {
        const tx = txs.get(safeTxHash.toLowerCase())
        if (!tx) throw new Error(`the stand-in holds no transaction ${safeTxHash}`)
        tx.confirmations.push({
          ...c,
          submissionDate: new Date().toISOString(),
          transactionHash: null,
          signatureType: 'EOA',
        })
      },
      /** Changes a stored transaction's fields after the fact (its safeTxHash stays what it was). */
      tamper(safeTxHash: string, change: Partial<StandInTransaction>) {
        const tx = txs.get(safeTxHash.toLowerCase())
        if (!tx) throw new Error(`the stand-in holds no transaction ${safeTxHash}`)
        Object.assign(tx, change)
      },
    },
    async close() {
      for (const s of sockets) s.destroy()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}

export type TxServiceStandIn = Awaited<ReturnType<typeof startTxServiceStandIn>>
