import {
  Contract,
  Interface,
  Signature,
  TypedDataEncoder,
  Wallet,
  ZeroAddress,
  getAddress,
  id as topicOf,
  type JsonRpcProvider,
} from 'ethers'
import { rpcProvider } from '../chain/rpc'
import { executionEvent } from '../safe/execution-events'
import type { ChainClock } from './state'
import { recoverSigner } from './recover'

/** The ERC20Votes + ERC20Permit surface governance reads (OpenZeppelin 4.9, block-number clock). */
export const VOTES_ABI = [
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function getVotes(address) view returns (uint256)',
  'function getPastVotes(address, uint256) view returns (uint256)',
  'function getPastTotalSupply(uint256) view returns (uint256)',
  'function delegates(address) view returns (address)',
  'function delegate(address)',
  'function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s)',
  'function nonces(address) view returns (uint256)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
  'event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate)',
  'event DelegateVotesChanged(address indexed delegate, uint256 previousBalance, uint256 newBalance)',
]
const votesIface = new Interface(VOTES_ABI)

interface RpcAnswer {
  id: number
  result?: unknown
  error?: { code?: number; message?: string; data?: unknown }
}

const RPC_TIMEOUT_MS = 30_000
const BATCH_SIZE = 250

/** Reads only (eth_call, eth_getBlockByNumber): safe to send again once when a kept-alive socket was closed. */
async function post(url: string, body: unknown): Promise<unknown> {
  try {
    return await postOnce(url, body)
  } catch (error) {
    if (error instanceof TypeError && error.message === 'fetch failed') return postOnce(url, body)
    throw error
  }
}

async function postOnce(url: string, body: unknown): Promise<unknown> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), RPC_TIMEOUT_MS)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller.signal,
    })
    if (!response.ok) throw new Error(`the RPC endpoint answered HTTP ${response.status}`)
    return await response.json()
  } finally {
    clearTimeout(timer)
  }
}

/**
 * JSON-RPC 2.0 batches of up to 250 requests over one HTTP round trip each (ethers' provider sends one request per
 * call here, to keep nonces fresh). An endpoint that refuses batches is asked one request at a time.
 */
export async function rpcBatch(url: string, requests: Array<{ method: string; params: unknown[] }>) {
  const answers: RpcAnswer[] = new Array(requests.length)
  for (let start = 0; start < requests.length; start += BATCH_SIZE) {
    const chunk = requests.slice(start, start + BATCH_SIZE)
    const body = chunk.map((r, i) => ({ jsonrpc: '2.0', id: start + i, method: r.method, params: r.params }))
    const reply = await post(url, body)
    if (Array.isArray(reply)) {
      for (const a of reply as RpcAnswer[]) if (typeof a?.id === 'number') answers[a.id] = a
    } else {
      for (const [i, single] of body.entries()) answers[start + i] = (await post(url, single)) as RpcAnswer
    }
  }
  return requests.map((r, i) => {
    const a = answers[i]
    if (!a) throw new Error(`the RPC endpoint did not answer ${r.method}`)
    return a
  })
}

async function rpc<T>(url: string, method: string, params: unknown[]): Promise<T> {
  const [answer] = await rpcBatch(url, [{ method, params }])
  if (answer.error) throw new Error(`${method}: ${answer.error.message ?? 'error'}`)
  return answer.result as T
}

export async function readClock(url: string): Promise<ChainClock> {
  const block = await rpc<{ number: string; timestamp: string } | null>(url, 'eth_getBlockByNumber', ['latest', false])
  if (!block) throw new Error('the chain has no latest block')
  return { block: Number(BigInt(block.number)), timestamp: Number(BigInt(block.timestamp)) }
}

/** getPastVotes(account, block) for many accounts, batched. `block` must be in the past. */
export async function readPastVotes(
  url: string,
  token: string,
  block: number,
  accounts: string[],
): Promise<Map<string, bigint>> {
  const answers = await rpcBatch(
    url,
    accounts.map((account) => ({
      method: 'eth_call',
      params: [{ to: token, data: votesIface.encodeFunctionData('getPastVotes', [account, block]) }, 'latest'],
    })),
  )
  const out = new Map<string, bigint>()
  answers.forEach((a, i) => {
    if (a.error || typeof a.result !== 'string')
      throw new Error(`getPastVotes(${accounts[i]}, ${block}) failed: ${a.error?.message ?? 'no result'}`)
    out.set(accounts[i], BigInt(a.result === '0x' ? 0 : a.result))
  })
  return out
}

export async function readPastTotalSupply(url: string, token: string, block: number): Promise<bigint> {
  const result = await rpc<string>(url, 'eth_call', [
    { to: token, data: votesIface.encodeFunctionData('getPastTotalSupply', [block]) },
    'latest',
  ])
  return BigInt(result)
}

// ---- delegation ----

export interface DelegationView {
  account: string
  balance: bigint
  /** Current voting power: own balance if self-delegated, plus what others delegated to this account. */
  votes: bigint
  /** Whom this account's balance votes through; null when it never delegated (its balance then votes nowhere). */
  delegate: string | null
  /** Accounts whose balance currently votes through this one (self included when self-delegated). */
  delegators: Array<{ address: string; balance: bigint }>
  nonce: bigint
}

export async function readDelegation(url: string, chainId: number, token: string, account: string) {
  const provider = rpcProvider(url, chainId)
  try {
    const c = new Contract(token, VOTES_ABI, provider)
    const [balance, votes, delegate, nonce] = (await Promise.all([
      c.balanceOf(account),
      c.getVotes(account),
      c.delegates(account),
      c.nonces(account),
    ])) as [bigint, bigint, string, bigint]
    const logs = await provider.getLogs({
      address: token,
      fromBlock: 0,
      toBlock: 'latest',
      topics: [topicOf('DelegateChanged(address,address,address)'), null, null, zeroPadTopic(account)],
    })
    const candidates = [...new Set(logs.map((l) => getAddress('0x' + l.topics[1].slice(26))))]
    const delegators: DelegationView['delegators'] = []
    for (const who of candidates) {
      const [current, bal] = (await Promise.all([c.delegates(who), c.balanceOf(who)])) as [string, bigint]
      if (getAddress(current) === account) delegators.push({ address: who, balance: bal })
    }
    delegators.sort((a, b) => (b.balance > a.balance ? 1 : b.balance < a.balance ? -1 : 0))
    const view: DelegationView = {
      account,
      balance,
      votes,
      delegate: delegate === ZeroAddress ? null : getAddress(delegate),
      delegators,
      nonce,
    }
    return view
  } finally {
    provider.destroy()
  }
}

function zeroPadTopic(address: string): string {
  return '0x' + '0'.repeat(24) + address.slice(2).toLowerCase()
}

export interface DelegateStanding {
  delegate: string
  votes: bigint
  delegators: number
}

/**
 * Every delegate's current voting power and number of delegators, from the token's own events (the last
 * DelegateVotesChanged of each delegate is its current power): two log queries, no per-account calls.
 */
export async function readDelegateStandings(url: string, chainId: number, token: string): Promise<DelegateStanding[]> {
  const provider = rpcProvider(url, chainId)
  try {
    const [changed, votesChanged] = await Promise.all([
      provider.getLogs({
        address: token,
        fromBlock: 0,
        toBlock: 'latest',
        topics: [topicOf('DelegateChanged(address,address,address)')],
      }),
      provider.getLogs({
        address: token,
        fromBlock: 0,
        toBlock: 'latest',
        topics: [topicOf('DelegateVotesChanged(address,uint256,uint256)')],
      }),
    ])
    const delegateOf = new Map<string, string>()
    for (const log of changed) delegateOf.set(topicAddress(log.topics[1]), topicAddress(log.topics[3]))
    const power = new Map<string, bigint>()
    for (const log of votesChanged) {
      const parsed = votesIface.parseLog(log)
      if (parsed) power.set(getAddress(parsed.args.delegate as string), parsed.args.newBalance as bigint)
    }
    const count = new Map<string, number>()
    for (const d of delegateOf.values()) if (d !== ZeroAddress) count.set(d, (count.get(d) ?? 0) + 1)
    return [...power.entries()]
      .filter(([, votes]) => votes > 0n)
      .map(([delegate, votes]) => ({ delegate, votes, delegators: count.get(delegate) ?? 0 }))
      .sort((a, b) => (b.votes > a.votes ? 1 : b.votes < a.votes ? -1 : a.delegate.localeCompare(b.delegate)))
  } finally {
    provider.destroy()
  }
}

function topicAddress(topic: string): string {
  return getAddress('0x' + topic.slice(26))
}

/** A delegation transaction sent by a local key (the delegator itself). Returns the mined transaction's hash. */
export async function delegateByTransaction(url: string, chainId: number, token: string, wallet: Wallet, to: string) {
  const provider = rpcProvider(url, chainId)
  try {
    const c = new Contract(token, VOTES_ABI, wallet.connect(provider))
    const tx = await c.delegate(to)
    const receipt = await tx.wait()
    if (!receipt || receipt.status !== 1) throw new Error('the delegation transaction reverted')
    return receipt.hash as string
  } finally {
    provider.destroy()
  }
}

// ERC20Votes' EIP-712 type for delegateBySig (OpenZeppelin 4.9 _DELEGATION_TYPEHASH).
export const DELEGATION_TYPES = {
  Delegation: [
    { name: 'delegatee', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'expiry', type: 'uint256' },
  ],
}

export interface TokenDomain {
  name: string
  version: string
  chainId: number
  verifyingContract: string
}

/** The token's own EIP-712 domain, read from it (EIP-5267), so the signature is what the contract will check. */
export async function readTokenDomain(url: string, chainId: number, token: string): Promise<TokenDomain> {
  const provider = rpcProvider(url, chainId)
  try {
    const d = (await new Contract(token, VOTES_ABI, provider).eip712Domain()) as [
      string,
      string,
      string,
      bigint,
      string,
    ]
    if (Number(d[3]) !== chainId) throw new Error(`the token's EIP-712 domain says chain ${d[3]}, expected ${chainId}`)
    return { name: d[1], version: d[2], chainId, verifyingContract: getAddress(d[4]) }
  } finally {
    provider.destroy()
  }
}

export interface DelegationMessage {
  delegatee: string
  nonce: string
  expiry: string
}

/** Who signed a Delegation (the delegator whose votes move). */
export function recoverDelegator(domain: TokenDomain, message: DelegationMessage, signature: string): string {
  return recoverSigner(TypedDataEncoder.hash(domain, DELEGATION_TYPES, message), signature)
}

/**
 * Submits a signed Delegation with delegateBySig from any account that pays the gas (the relayer). The token checks
 * nonce and expiry again on chain; the caller checks them first for a clear refusal.
 */
export async function submitDelegateBySig(
  url: string,
  chainId: number,
  token: string,
  relayer: Wallet,
  message: DelegationMessage,
  signature: string,
): Promise<string> {
  const provider = rpcProvider(url, chainId)
  try {
    const sig = Signature.from(signature)
    const c = new Contract(token, VOTES_ABI, relayer.connect(provider))
    const tx = await c.delegateBySig(message.delegatee, message.nonce, message.expiry, sig.v, sig.r, sig.s)
    const receipt = await tx.wait()
    if (!receipt || receipt.status !== 1) throw new Error('delegateBySig reverted')
    return receipt.hash as string
  } finally {
    provider.destroy()
  }
}

// ---- Safe execution of a linked SafeTx ----

const EXECUTION_SUCCESS = topicOf('ExecutionSuccess(bytes32,uint256)')

/** The last block mined at or before `timestamp` (binary search over headers; 0 when the chain starts later). */
export async function blockAtOrBefore(provider: JsonRpcProvider, timestamp: number): Promise<number> {
  let low = 0
  let high = await provider.getBlockNumber()
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    const header = await provider.getBlock(mid)
    if (header && header.timestamp <= timestamp) low = mid
    else high = mid - 1
  }
  return low
}

/**
 * The transaction in which `safe` executed `safeTxHash` successfully, if it did. Safe 1.4.x indexes the hash as a
 * topic, 1.3.0 puts it in the data: the Safe's ExecutionSuccess logs are read and matched either way. `from` is where
 * the proposal began on the token's clock: a block number, or (timestamp clock) a unix time, turned into a block.
 */
export async function findSafeExecution(
  url: string,
  chainId: number,
  safe: string,
  safeTxHash: string,
  from: { block: number } | { timestamp: number },
): Promise<{ txHash: string; block: number; timestamp: number } | null> {
  const provider = rpcProvider(url, chainId)
  try {
    const fromBlock = 'block' in from ? from.block : await blockAtOrBefore(provider, from.timestamp)
    const logs = await provider.getLogs({
      address: safe,
      fromBlock,
      toBlock: 'latest',
      topics: [EXECUTION_SUCCESS],
    })
    const wanted = safeTxHash.toLowerCase()
    const log = logs.find((l) => executionEvent(l)?.hash === wanted)
    if (!log) return null
    const block = await provider.getBlock(log.blockNumber)
    return { txHash: log.transactionHash, block: log.blockNumber, timestamp: block?.timestamp ?? 0 }
  } finally {
    provider.destroy()
  }
}
