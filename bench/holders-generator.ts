// `npm run bench -- --generate-holders`: a votes token with many holders on the sandbox chain, quickly. The token
// (bench/contracts/BenchVotesToken.sol: OpenZeppelin 4.9.6 ERC20Votes, like the sandbox's) has two batch entry
// points that run its own `_transfer` / `delegateBySig` in a loop, so one transaction moves up to ~1,800 balances or
// relays ~170 signed delegations within the node's per-transaction gas cap. Transactions are signed here with
// explicit nonces and sent back to back (the next one is built and signed while the node mines the last), with
// no receipt polling: the sandbox node answers a send once the transaction is mined, and an error if it reverted.
// Holders' keys are derived from their index, so the same run signs their delegations and votes.
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { Interface, TypedDataEncoder, Wallet, getAddress, getCreateAddress, keccak256, toUtf8Bytes } from 'ethers'
import type { SandboxInfo } from '../src/main/core/sandbox'
import { DELEGATION_TYPES, governanceDomain, readTokenDomain, rpcBatch, voteFile } from '../src/main/core/governance'
import { keccak256Bytes } from '../src/main/core/signing/native-crypto'
import { voteDigestFast } from '../src/main/core/governance/typed-data'
import tokenArtifact from './contracts/BenchVotesToken.json'

interface NativeSecp {
  ecdsaSign(msg32: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number }
  publicKeyCreate(key: Uint8Array, compressed: boolean): Uint8Array
}

export interface HolderScale {
  holders: number
  transfers: number
  /** Signed votes, from the first `votes` holders (each delegates to itself so it has voting power). */
  votes: number
  /** Delegates the holders after the voters delegate to (the voters 0..delegates-1). */
  delegates: number
}

export const FULL_HOLDER_SCALE: HolderScale = {
  holders: 100_000,
  transfers: 1_000_000,
  votes: 80_000,
  delegates: 1_000,
}
/** What `npm run bench` runs without --generate-holders: the same steps in a couple of minutes. */
export const SMALL_HOLDER_SCALE: HolderScale = { holders: 5_000, transfers: 50_000, votes: 4_000, delegates: 100 }

/**
 * Osaka's per-transaction gas cap (EIP-7825: 2^24) less a margin; Hardhat 2.29's default hardfork is Osaka and
 * its block gas limit 60,000,000, so the cap is the bound. Items are packed by their measured worst-case gas.
 */
export const TX_GAS_LIMIT = 16_700_000n
const TX_GAS_BUDGET = 16_000_000
const GAS = {
  /** `_transfer` to an account without a balance: a zero-to-nonzero SSTORE (measured 27,700). */
  newHolder: 28_500,
  /** `_transfer` to an account that has one, none of them twice in a transaction (cold slots: measured ~10,500). */
  repeat: 11_500,
  /** delegateBySig from an account never delegated: nonce, delegate, a first checkpoint (measured 102,400). */
  delegation: 106_000,
}
export const FEES = { maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n }

export interface GeneratedHolders {
  /** The generated votes token (the workspace's governance token for the bench). */
  token: string
  holders: string[]
  keys: Buffer[]
  /** The block after the last delegation: a snapshot where every voter has its power. */
  readyBlock: number
  transfers: number
  delegations: number
  transactions: number
  ms: number
  /** Where the time went: deriving keys, transfers, delegations (signing included, overlapped with mining). */
  phases: { keysMs: number; transfersMs: number; delegationsMs: number }
}

let secp: NativeSecp | undefined
const native = () => (secp ??= createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp)

export function signDigest(digest: Uint8Array, key: Buffer): { v: number; r: string; s: string; hex: string } {
  const { signature, recid } = native().ecdsaSign(digest, key)
  const hex = Buffer.from(signature).toString('hex')
  return { v: 27 + recid, r: hex.slice(0, 64), s: hex.slice(64), hex: '0x' + hex + (recid ? '1c' : '1b') }
}

const word = (n: bigint | number | string) => BigInt(n).toString(16).padStart(64, '0')
const hexBytes = (hex: string) => Buffer.from(hex.startsWith('0x') ? hex.slice(2) : hex, 'hex')

function rlpLength(len: number, short: number): Buffer {
  if (len <= 55) return Buffer.from([short + len])
  const hex = len.toString(16)
  const n = Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex')
  return Buffer.concat([Buffer.from([short + 55 + n.length]), n])
}
const rlpBytes = (b: Buffer) => (b.length === 1 && b[0] < 0x80 ? b : Buffer.concat([rlpLength(b.length, 0x80), b]))
const rlpList = (items: Buffer[]) => {
  const body = Buffer.concat(items)
  return Buffer.concat([rlpLength(body.length, 0xc0), body])
}
const rlpInt = (n: bigint | number) => {
  const hex = BigInt(n).toString(16)
  return rlpBytes(BigInt(n) === 0n ? Buffer.alloc(0) : Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex'))
}

/**
 * An EIP-1559 transaction signed with the native Keccak and libsecp256k1 (ethers' pure-JS hashing of a 50 kB
 * calldata costs ~60 ms a transaction here, the same CPU the node needs); the first two and every 200th are checked against ethers.
 */
export function signEip1559(
  key: Buffer,
  tx: { chainId: number; nonce: number; to: string | null; data: string },
): string {
  const fields = [
    rlpInt(tx.chainId),
    rlpInt(tx.nonce),
    rlpInt(FEES.maxPriorityFeePerGas),
    rlpInt(FEES.maxFeePerGas),
    rlpInt(TX_GAS_LIMIT),
    rlpBytes(tx.to ? hexBytes(tx.to) : Buffer.alloc(0)),
    rlpInt(0),
    rlpBytes(hexBytes(tx.data)),
    rlpList([]),
  ]
  const type = Buffer.from([2])
  const digest = keccak256Bytes(Buffer.concat([type, rlpList(fields)]))
  const { signature, recid } = native().ecdsaSign(digest, key)
  const sig = Buffer.from(signature)
  const r = BigInt('0x' + sig.subarray(0, 32).toString('hex'))
  const s = BigInt('0x' + sig.subarray(32).toString('hex'))
  return '0x' + Buffer.concat([type, rlpList([...fields, rlpInt(recid), rlpInt(r), rlpInt(s)])]).toString('hex')
}

/** Sends raw transactions from one key in nonce order, each signed while the node mines the one before. */
class Pipeline {
  private readonly key: Buffer
  private inFlight: Promise<string> = Promise.resolve('')
  sent = 0

  constructor(
    private readonly url: string,
    private readonly chainId: number,
    key: string,
    private nonce: number,
  ) {
    this.key = hexBytes(key)
  }

  /** Resolves once signed and handed on; the returned `mined` gives the hash once the node has mined it. */
  async send(to: string | null, data: string, label: string): Promise<{ mined: Promise<string> }> {
    const tx = { chainId: this.chainId, nonce: this.nonce++, to, data }
    const raw = signEip1559(this.key, tx)
    if (this.sent <= 1 || this.sent % 200 === 0) {
      const wallet = new Wallet('0x' + this.key.toString('hex'))
      const expected = await wallet.signTransaction({ type: 2, ...tx, gasLimit: TX_GAS_LIMIT, ...FEES })
      if (expected !== raw) throw new Error("the hand-built transaction differs from ethers'")
    }
    await this.inFlight // the node refuses a nonce ahead of the mined ones while automining
    // One plain request, never sent again: a retried send would only meet its own nonce.
    const mined = fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] }),
    })
      .then((r) => r.json() as Promise<{ result?: string; error?: { message?: string } }>)
      .then((a) => {
        if (a.error || !a.result) throw new Error(`${label} failed: ${a.error?.message ?? 'no hash'}`)
        return a.result
      })
    mined.catch(() => {}) // surfaced by the next send or by drain()
    this.inFlight = mined
    this.sent++
    return { mined }
  }

  async drain(): Promise<void> {
    await this.inFlight
  }
}

async function call(url: string, to: string, data: string): Promise<string> {
  const [a] = await rpcBatch(url, [{ method: 'eth_call', params: [{ to, data }, 'latest'] }])
  if (a.error) throw new Error(`eth_call: ${a.error.message}`)
  return a.result as string
}

async function gasUsed(url: string, hash: string): Promise<number> {
  const [a] = await rpcBatch(url, [{ method: 'eth_getTransactionReceipt', params: [hash] }])
  const r = a.result as { status: string; gasUsed: string } | null
  if (!r || r.status !== '0x1') throw new Error(`transaction ${hash} failed`)
  return Number(BigInt(r.gasUsed))
}

/** The amount of transfer k and the holder it goes to: holder k first (each once), then spread over all. */
function transferAt(k: number, holders: number): { holder: number; amount: bigint } {
  const holder = k < holders ? k : (k * 48_271) % holders
  // The first ten holders get far more, so concentration is not flat.
  return { holder, amount: BigInt(1 + ((k * 7_919) % 1_000)) * 10n ** 15n * (holder < 10 ? 10_000n : 1n) }
}

export async function generateHolders(
  sandbox: SandboxInfo,
  scale: HolderScale,
  log: (line: string) => void,
): Promise<GeneratedHolders> {
  const t0 = performance.now()
  const url = sandbox.rpcUrl
  const keys: Buffer[] = []
  const holders: string[] = []
  for (let i = 0; i < scale.holders; i++) {
    const key = Buffer.from(keccak256Bytes(Buffer.from(`aitbc-bench-holder-${i}`)))
    keys.push(key)
    holders.push(
      '0x' +
        Buffer.from(keccak256Bytes(native().publicKeyCreate(key, false).subarray(1)))
          .toString('hex')
          .slice(-40),
    )
  }
  const keysMs = performance.now() - t0

  // The funder mints exactly what the transfers need, plus a reserve for the bench's later transfers.
  let supply = 1_000_000n * 10n ** 18n
  for (let k = 0; k < scale.transfers; k++) supply += transferAt(k, scale.holders).amount
  const funder = new Wallet(sandbox.funder.privateKey)
  const [nonceAnswer] = await rpcBatch(url, [{ method: 'eth_getTransactionCount', params: [funder.address, 'latest'] }])
  const nonce = Number(BigInt(nonceAnswer.result as string))
  const pipe = new Pipeline(url, sandbox.chainId, sandbox.funder.privateKey, nonce)
  const iface = new Interface(tokenArtifact.abi)
  const deployData = tokenArtifact.bytecode + word(supply)
  await pipe.send(null, deployData, 'deploy BenchVotesToken')
  await pipe.drain()
  const token = getCreateAddress({ from: funder.address, nonce })

  // Transfers, packed by gas: (amount << 160) | recipient words for transferMany.
  const t1 = performance.now()
  const transferSelector = iface.getFunction('transferMany')!.selector
  const seen = new Uint8Array(scale.holders)
  let sent = 0
  let firstTransfer: Promise<string> | undefined
  while (sent < scale.transfers) {
    const words: string[] = []
    let gas = 0
    while (sent < scale.transfers) {
      const { holder, amount } = transferAt(sent, scale.holders)
      const cost = seen[holder] ? GAS.repeat : GAS.newHolder
      if (gas + cost > TX_GAS_BUDGET) break
      gas += cost
      seen[holder] = 1
      words.push(word((amount << 160n) | BigInt(holders[holder])))
      sent++
    }
    const data = transferSelector + word(32) + word(words.length) + words.join('')
    const { mined } = await pipe.send(token, data, `transferMany (transfers up to ${sent})`)
    firstTransfer ??= mined
    if (pipe.sent % 100 === 0) log(`${sent.toLocaleString('en')} transfers`)
  }
  await pipe.drain()
  const transfersMs = performance.now() - t1

  // Voters delegate to themselves; some holders after them delegate to one of the first `delegates` voters.
  const t2 = performance.now()
  const domain = await readTokenDomain(url, sandbox.chainId, token)
  const separator = TypedDataEncoder.hashDomain(domain).slice(2)
  const typeHash = keccak256(toUtf8Bytes('Delegation(address delegatee,uint256 nonce,uint256 expiry)')).slice(2)
  const others = Math.min(scale.holders - scale.votes, Math.floor(scale.votes / 4))
  const delegators = scale.votes + Math.max(0, others)
  const expiry = 2n ** 40n
  const delegateSelector = iface.getFunction('delegateManyBySig')!.selector
  const perTx = Math.floor(TX_GAS_BUDGET / GAS.delegation)
  let firstDelegation: Promise<string> | undefined
  let checked = false
  const lastOfBatch: number[] = []
  for (let start = 0; start < delegators; start += perTx) {
    const end = Math.min(delegators, start + perTx)
    let items = ''
    for (let i = start; i < end; i++) {
      const delegatee = i < scale.votes ? holders[i] : holders[i % scale.delegates]
      const struct = keccak256Bytes(hexBytes(typeHash + word(delegatee) + word(0) + word(expiry)))
      const digest = keccak256Bytes(hexBytes('1901' + separator + Buffer.from(struct).toString('hex')))
      if (!checked) {
        const expected = TypedDataEncoder.hash(domain, DELEGATION_TYPES, { delegatee, nonce: 0n, expiry })
        if (expected !== '0x' + Buffer.from(digest).toString('hex')) throw new Error('delegation digest differs')
        checked = true
      }
      const sig = signDigest(digest, keys[i])
      items += word(delegatee) + word(0) + word(expiry) + word(sig.v) + sig.r + sig.s
    }
    const data = delegateSelector + word(32) + word(end - start) + items
    const { mined } = await pipe.send(token, data, `delegateManyBySig (delegations ${start}..${end - 1})`)
    firstDelegation ??= mined
    lastOfBatch.push(end - 1)
    if (pipe.sent % 100 === 0) log(`${end.toLocaleString('en')} delegations`)
  }
  await pipe.drain()
  const delegationsMs = performance.now() - t2

  // Every transfer landed (the funder kept exactly the reserve) and every batch's last delegation did.
  const balanceOf = iface.getFunction('balanceOf')!.selector
  const kept = BigInt(await call(url, token, balanceOf + word(funder.address)))
  if (kept !== 1_000_000n * 10n ** 18n)
    throw new Error(`the funder kept ${kept}, not the reserve: a transfer is missing`)
  const delegatesOf = iface.getFunction('delegates')!.selector
  const answers = await rpcBatch(
    url,
    lastOfBatch.map((i) => ({
      method: 'eth_call',
      params: [{ to: token, data: delegatesOf + word(holders[i]) }, 'latest'],
    })),
  )
  answers.forEach((a, n) => {
    const i = lastOfBatch[n]
    const expected = i < scale.votes ? holders[i] : holders[i % scale.delegates]
    if (BigInt((a.result as string) ?? 0) !== BigInt(expected)) throw new Error(`holder ${i} did not delegate`)
  })
  const gasT = firstTransfer ? await gasUsed(url, await firstTransfer) : 0
  const gasD = firstDelegation ? await gasUsed(url, await firstDelegation) : 0
  log(`first transferMany used ${gasT.toLocaleString('en')} gas, first delegateManyBySig ${gasD.toLocaleString('en')}`)

  await rpcBatch(url, [{ method: 'hardhat_mine', params: ['0x2'] }])
  const [head] = await rpcBatch(url, [{ method: 'eth_blockNumber', params: [] }])
  return {
    token,
    holders,
    keys,
    readyBlock: Number(BigInt(head.result as string)) - 1,
    transfers: sent,
    delegations: delegators,
    transactions: pipe.sent,
    ms: performance.now() - t0,
    phases: { keysMs, transfersMs, delegationsMs },
  }
}

/** A vote-lines file of `count` votes on `proposalId`, signed by holders 0..count-1 (60 % for, 30 % against). */
export function writeVoteLines(
  file: string,
  sandbox: SandboxInfo,
  generated: GeneratedHolders,
  proposalId: string,
  count: number,
): number {
  const domain = governanceDomain(sandbox.chainId, generated.token)
  const now = Math.floor(Date.now() / 1000)
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    const message = {
      proposalId,
      support: (i % 10 < 6 ? 1 : i % 10 < 9 ? 0 : 2) as 0 | 1 | 2,
      voter: getAddress(generated.holders[i]),
      timestamp: now - (i % 600),
      reason: i % 7 === 0 ? 'for the record' : '',
    }
    const digest = hexBytes(voteDigestFast(domain, message))
    lines.push(JSON.stringify(voteFile(domain, message, signDigest(digest, generated.keys[i]).hex)))
  }
  const text = lines.join('\n') + '\n'
  writeFileSync(file, text)
  return text.length
}
