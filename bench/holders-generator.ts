// `npm run bench -- --generate-holders`: a votes token with many holders on the sandbox chain, quickly: a helper
// contract (bench/contracts/HolderSpreader.sol) moves 300 balances and relays 100 signed delegations per
// transaction; holders' keys are derived from their index, so the same run can sign their delegations and votes.
import { createRequire } from 'node:module'
import { writeFileSync } from 'node:fs'
import { Contract, ContractFactory, TypedDataEncoder, Wallet, getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { rpcProvider } from '../src/main/core/chain'
import type { SandboxInfo } from '../src/main/core/sandbox'
import { DELEGATION_TYPES, governanceDomain, readTokenDomain, voteDigest, voteFile } from '../src/main/core/governance'
import spreaderArtifact from './contracts/HolderSpreader.json'

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

const SPREAD_PER_TX = 300
const DELEGATIONS_PER_TX = 100

export interface GeneratedHolders {
  spreader: string
  holders: string[]
  keys: Buffer[]
  /** The block after the last delegation: a snapshot where every voter has its power. */
  readyBlock: number
  transfers: number
  delegations: number
  ms: number
}

const native = () => createRequire(import.meta.url)('secp256k1/bindings') as NativeSecp

function signDigest(digest: string, key: Buffer): { v: number; r: string; s: string; hex: string } {
  const { signature, recid } = native().ecdsaSign(Buffer.from(digest.slice(2), 'hex'), key)
  const r = '0x' + Buffer.from(signature.subarray(0, 32)).toString('hex')
  const s = '0x' + Buffer.from(signature.subarray(32, 64)).toString('hex')
  return { v: 27 + recid, r, s, hex: '0x' + Buffer.from(signature).toString('hex') + (recid ? '1c' : '1b') }
}

export async function generateHolders(
  sandbox: SandboxInfo,
  scale: HolderScale,
  log: (line: string) => void,
): Promise<GeneratedHolders> {
  const t0 = performance.now()
  const provider = rpcProvider(sandbox.rpcUrl, sandbox.chainId)
  try {
    const funder = new Wallet(sandbox.funder.privateKey, provider)
    const keys: Buffer[] = []
    const holders: string[] = []
    for (let i = 0; i < scale.holders; i++) {
      const key = Buffer.from(keccak256(toUtf8Bytes(`aitbc-bench-holder-${i}`)).slice(2), 'hex')
      keys.push(key)
      holders.push('0x' + keccak256(native().publicKeyCreate(key, false).subarray(1)).slice(-40))
    }
    const factory = new ContractFactory(spreaderArtifact.abi, spreaderArtifact.bytecode, funder)
    const deployed = await factory.deploy()
    await deployed.waitForDeployment()
    const spreaderAddress = await deployed.getAddress()
    const spreader = new Contract(spreaderAddress, spreaderArtifact.abi, funder)
    const token = new Contract(sandbox.token.address, ['function transfer(address,uint256) returns (bool)'], funder)
    await (await token.transfer(spreaderAddress, 5_000_000n * 10n ** 18n)).wait()

    // Transfer k goes to holder k (each holder once), then spread over all; the first ten get far more.
    let sent = 0
    while (sent < scale.transfers) {
      const n = Math.min(SPREAD_PER_TX, scale.transfers - sent)
      const to: string[] = []
      const amounts: bigint[] = []
      for (let k = sent; k < sent + n; k++) {
        const holder = k < scale.holders ? k : (k * 48_271) % scale.holders
        to.push(holders[holder])
        amounts.push(BigInt(1 + ((k * 7_919) % 1_000)) * 10n ** 15n * (holder < 10 ? 10_000n : 1n))
      }
      await (await spreader.spread(sandbox.token.address, to, amounts, { gasLimit: 16_000_000 })).wait()
      sent += n
      if (sent % 50_000 < SPREAD_PER_TX) log(`${sent.toLocaleString('en')} transfers`)
    }

    // Voters delegate to themselves; some holders after them delegate to one of the first `delegates` voters.
    const domain = await readTokenDomain(sandbox.rpcUrl, sandbox.chainId, sandbox.token.address)
    const others = Math.min(scale.holders - scale.votes, Math.floor(scale.votes / 4))
    const delegators = scale.votes + Math.max(0, others)
    const expiry = 2n ** 40n
    let batch: unknown[] = []
    let delegations = 0
    const flush = async () => {
      if (!batch.length) return
      await (await spreader.delegateMany(sandbox.token.address, batch, { gasLimit: 16_000_000 })).wait()
      delegations += batch.length
      batch = []
      if (delegations % 20_000 < DELEGATIONS_PER_TX) log(`${delegations.toLocaleString('en')} delegations`)
    }
    for (let i = 0; i < delegators; i++) {
      const delegatee = i < scale.votes ? holders[i] : holders[i % scale.delegates]
      const digest = TypedDataEncoder.hash(domain, DELEGATION_TYPES, { delegatee, nonce: 0n, expiry })
      const sig = signDigest(digest, keys[i])
      batch.push({ delegatee, nonce: 0n, expiry, v: sig.v, r: sig.r, s: sig.s })
      if (batch.length >= DELEGATIONS_PER_TX) await flush()
    }
    await flush()
    await provider.send('hardhat_mine', ['0x2'])
    const readyBlock = (await provider.getBlockNumber()) - 1
    return {
      spreader: spreaderAddress,
      holders,
      keys,
      readyBlock,
      transfers: sent,
      delegations,
      ms: performance.now() - t0,
    }
  } finally {
    provider.destroy()
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
  const domain = governanceDomain(sandbox.chainId, sandbox.token.address)
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
    lines.push(
      JSON.stringify(voteFile(domain, message, signDigest(voteDigest(domain, message), generated.keys[i]).hex)),
    )
  }
  const text = lines.join('\n') + '\n'
  writeFileSync(file, text)
  return text.length
}
