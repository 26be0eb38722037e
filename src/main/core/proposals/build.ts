import { protocolKit } from '../safe/kit'
import { ZeroAddress, getAddress } from 'ethers'
import { plainSafeTx, type SafeTx } from '../signing/safe-tx'
import type {
  OwnerChangeInput,
  Outflow,
  ProposalAction,
  ProposalKind,
  ProposalPartInput,
} from '../../../shared/contract/proposals'
import { SENTINEL_OWNERS, erc20Iface, multiSendIface, safeIface } from './abi'
import { ProposalBuildError, encodeCall, findFunction, parseAbi } from './args'
import { safeOutflowOfCall } from '../tokens/transfer-call'

export interface TokenInfo {
  symbol: string
  decimals: number
}

export interface BuildContext {
  chainId: number
  safe: string
  multiSendCallOnly: string
  multiSend: string
  /** Tokens by checksummed address: ERC-20 parts need their symbol and decimals. */
  tokens: Map<string, TokenInfo>
  owners: string[]
  threshold: number
  /** The chain's native coin as the workspace names it (core/tokens/native.ts). */
  native: NativeInfo
}

export interface NativeInfo {
  symbol: string
  decimals: number
}

/** What outflowsOf needs to read contract calls as token transfers. */
export interface OutflowContext {
  safe: string | null
  native: NativeInfo
  tokens: Map<string, TokenInfo>
}

/** A proposal's transaction before it is given a nonce, with its human summary. */
export interface BuiltProposal {
  kind: ProposalKind
  tx: Pick<SafeTx, 'to' | 'value' | 'data' | 'operation'>
  actions: ProposalAction[]
  outflows: Outflow[]
  multiSend: string | null
}

type Hex = SafeTx['data']

interface Call {
  to: string
  value: bigint
  data: string
  action: ProposalAction
}

const TRANSFER_SELECTOR = erc20Iface.getFunction('transfer')!.selector

/**
 * transfer(address,uint256) calldata, written out: the fixed layout is selector ‖ address ‖ amount, each word 32
 * bytes. A 200-payment batch spends most of its build time in the generic ABI coder otherwise; the unit test checks
 * this against ethers' encoding.
 */
export function encodeTransfer(to: string, amount: bigint): string {
  if (amount < 0n || amount >= 1n << 256n) throw new Error('amount out of uint256 range')
  return (
    TRANSFER_SELECTOR + getAddress(to).slice(2).toLowerCase().padStart(64, '0') + amount.toString(16).padStart(64, '0')
  )
}

/** One part (transfer, token transfer, contract call) → the call it makes and how it reads. */
export function buildCall(part: ProposalPartInput, ctx: BuildContext, path: string): Call {
  if (part.type === 'eth_transfer') {
    return {
      to: part.to,
      value: BigInt(part.amount),
      data: '0x',
      action: { type: 'eth_transfer', to: part.to, amount: part.amount },
    }
  }
  if (part.type === 'erc20_transfer') {
    const token = ctx.tokens.get(part.token)
    if (!token)
      throw new ProposalBuildError(`token ${part.token} is unknown: add it to the workspace first`, `${path}.token`)
    return {
      to: part.token,
      value: 0n,
      data: encodeTransfer(part.to, BigInt(part.amount)),
      action: { type: 'erc20_transfer', token: part.token, ...token, to: part.to, amount: part.amount },
    }
  }
  const value = BigInt(part.value ?? '0')
  if (part.abi !== undefined || part.method !== undefined) {
    if (part.data !== undefined)
      throw new ProposalBuildError('give either raw data or an ABI with method and arguments, not both', path)
    if (!part.abi) throw new ProposalBuildError('an ABI is needed with a method', `${path}.abi`)
    if (!part.method) throw new ProposalBuildError('name the function to call', `${path}.method`)
    const fn = findFunction(parseAbi(part.abi, `${path}.abi`), part.method, `${path}.method`)
    if (value > 0n && !fn.payable)
      throw new ProposalBuildError(`${fn.name} is not payable: it cannot receive value`, `${path}.value`)
    const { data, decoded } = encodeCall(fn, part.args ?? [], `${path}.args`)
    return callOrTransfer(part.to, value, data, ctx, { method: fn.format('sighash'), args: decoded })
  }
  return callOrTransfer(part.to, value, part.data ?? '0x', ctx, null)
}

/** A call that is in fact a plain transfer of a known token (or of the native coin) reads as one. */
function callOrTransfer(
  to: string,
  value: bigint,
  data: string,
  ctx: BuildContext,
  decoded: { method: string; args: Array<{ name: string; type: string; value: string }> } | null,
): Call {
  const token = ctx.tokens.get(to)
  if (value === 0n && token && data.toLowerCase().startsWith(TRANSFER_SELECTOR) && data.length === 2 + 8 + 128) {
    try {
      const [recipient, amount] = erc20Iface.decodeFunctionData('transfer', data) as unknown as [string, bigint]
      return {
        to,
        value,
        data,
        action: { type: 'erc20_transfer', token: to, ...token, to: getAddress(recipient), amount: amount.toString() },
      }
    } catch {
      // not a well-formed transfer: shown as a plain call below
    }
  }
  if (data === '0x' && value > 0n)
    return { to, value, data, action: { type: 'eth_transfer', to, amount: value.toString() } }
  return {
    to,
    value,
    data,
    action: {
      type: 'contract_call',
      to,
      value: value.toString(),
      data,
      method: decoded?.method ?? null,
      args: decoded?.args ?? null,
    },
  }
}

/**
 * What leaves the Safe, per token. A contract call whose data is an ERC-20 transfer (or a transferFrom out of the
 * Safe) counts as that token's outflow however it was built, registered token or not (then shown in base units,
 * named by its address, until the token is added).
 */
export function outflowsOf(actions: ProposalAction[], ctx: OutflowContext): Outflow[] {
  const totals = new Map<string, Outflow>()
  const add = (token: string | null, symbol: string, decimals: number, amount: bigint) => {
    if (amount === 0n) return
    const key = token ?? 'native'
    const current = totals.get(key)
    totals.set(key, {
      token,
      symbol,
      decimals,
      amount: ((current ? BigInt(current.amount) : 0n) + amount).toString(),
    })
  }
  const { symbol: nativeSymbol, decimals: nativeDecimals } = ctx.native
  for (const a of actions) {
    if (a.type === 'eth_transfer') add(null, nativeSymbol, nativeDecimals, BigInt(a.amount))
    else if (a.type === 'erc20_transfer') add(a.token, a.symbol, a.decimals, BigInt(a.amount))
    else if (a.type === 'contract_call') {
      add(null, nativeSymbol, nativeDecimals, BigInt(a.value))
      const moved = safeOutflowOfCall(ctx.safe, a.to, a.data)
      if (moved) {
        const known = ctx.tokens.get(moved.token)
        const symbol = known?.symbol ?? `${moved.token.slice(0, 6)}…${moved.token.slice(-4)}`
        add(moved.token, symbol, known?.decimals ?? 0, moved.amount)
      }
    }
  }
  return [...totals.values()]
}

/**
 * Parts → one Safe transaction: a single part is called directly; several are batched through MultiSendCallOnly
 * (delegatecall, as Safe{Wallet} and protocol-kit do) or, with onlyCalls false, MultiSend.
 */
export function buildTransactions(parts: ProposalPartInput[], ctx: BuildContext, onlyCalls = true): BuiltProposal {
  if (parts.length === 0) throw new ProposalBuildError('a proposal needs at least one transaction', 'parts')
  const calls = parts.map((p, i) => buildCall(p, ctx, `parts[${i}]`))
  const actions = calls.map((c) => c.action)
  if (calls.length === 1) {
    const c = calls[0]
    return {
      kind: parts[0].type === 'contract_call' ? 'contract_call' : parts[0].type,
      tx: { to: c.to, value: c.value.toString(), data: c.data as Hex, operation: 0 },
      actions,
      outflows: outflowsOf(actions, { safe: ctx.safe, native: ctx.native, tokens: ctx.tokens }),
      multiSend: null,
    }
  }
  const multiSend = onlyCalls ? ctx.multiSendCallOnly : ctx.multiSend
  const packed = protocolKit().encodeMultiSendData(
    calls.map((c) => ({ to: c.to, value: c.value.toString(), data: c.data, operation: 0 })),
  )
  return {
    kind: 'batch',
    tx: {
      to: multiSend,
      value: '0',
      data: multiSendIface.encodeFunctionData('multiSend', [packed]) as Hex,
      operation: 1,
    },
    actions,
    outflows: outflowsOf(actions, { safe: ctx.safe, native: ctx.native, tokens: ctx.tokens }),
    multiSend,
  }
}

/** Owner and threshold changes are calls of the Safe to itself, checked against its current owners. */
export function buildOwnerChange(change: OwnerChangeInput, ctx: BuildContext): BuiltProposal {
  const owners = ctx.owners.map((o) => getAddress(o))
  const isOwner = (a: string) => owners.includes(a)
  const prevOf = (owner: string) => {
    const i = owners.indexOf(owner)
    return i <= 0 ? SENTINEL_OWNERS : owners[i - 1]
  }
  const refuseNewOwner = (a: string, field: string) => {
    if (isOwner(a)) throw new ProposalBuildError(`${a} is already an owner`, field)
    if ([ZeroAddress, SENTINEL_OWNERS, getAddress(ctx.safe)].includes(a))
      throw new ProposalBuildError(`${a} cannot be an owner`, field)
  }
  let data: string
  let action: ProposalAction
  switch (change.change) {
    case 'add_owner':
      refuseNewOwner(change.owner, 'change.owner')
      if (change.threshold > owners.length + 1)
        throw new ProposalBuildError(
          `threshold ${change.threshold} exceeds ${owners.length + 1} owners`,
          'change.threshold',
        )
      data = safeIface.encodeFunctionData('addOwnerWithThreshold', [change.owner, change.threshold])
      action = {
        type: 'owner_change',
        change: 'add_owner',
        owner: change.owner,
        newOwner: null,
        threshold: change.threshold,
      }
      break
    case 'remove_owner':
      if (!isOwner(change.owner)) throw new ProposalBuildError(`${change.owner} is not an owner`, 'change.owner')
      if (owners.length === 1) throw new ProposalBuildError('the last owner cannot be removed', 'change.owner')
      if (change.threshold > owners.length - 1)
        throw new ProposalBuildError(
          `threshold ${change.threshold} exceeds the ${owners.length - 1} owners left`,
          'change.threshold',
        )
      data = safeIface.encodeFunctionData('removeOwner', [prevOf(change.owner), change.owner, change.threshold])
      action = {
        type: 'owner_change',
        change: 'remove_owner',
        owner: change.owner,
        newOwner: null,
        threshold: change.threshold,
      }
      break
    case 'swap_owner':
      if (!isOwner(change.owner)) throw new ProposalBuildError(`${change.owner} is not an owner`, 'change.owner')
      refuseNewOwner(change.newOwner, 'change.newOwner')
      data = safeIface.encodeFunctionData('swapOwner', [prevOf(change.owner), change.owner, change.newOwner])
      action = {
        type: 'owner_change',
        change: 'swap_owner',
        owner: change.owner,
        newOwner: change.newOwner,
        threshold: null,
      }
      break
    case 'change_threshold':
      if (change.threshold > owners.length)
        throw new ProposalBuildError(
          `threshold ${change.threshold} exceeds ${owners.length} owners`,
          'change.threshold',
        )
      if (change.threshold === ctx.threshold)
        throw new ProposalBuildError(`the threshold is already ${ctx.threshold}`, 'change.threshold')
      data = safeIface.encodeFunctionData('changeThreshold', [change.threshold])
      action = {
        type: 'owner_change',
        change: 'change_threshold',
        owner: null,
        newOwner: null,
        threshold: change.threshold,
      }
      break
  }
  return {
    kind: 'owner_change',
    tx: { to: getAddress(ctx.safe), value: '0', data: data as Hex, operation: 0 },
    actions: [action],
    outflows: [],
    multiSend: null,
  }
}

/** Safe{Wallet}'s rejection: a 0-value call of the Safe to itself on the same nonce, which uses the nonce up. */
export function buildRejection(safe: string, nonce: number): BuiltProposal {
  return {
    kind: 'rejection',
    tx: { to: getAddress(safe), value: '0', data: '0x', operation: 0 },
    actions: [{ type: 'rejection', nonce }],
    outflows: [],
    multiSend: null,
  }
}

export function withNonce(built: BuiltProposal, nonce: number): SafeTx {
  return plainSafeTx({ ...built.tx, nonce: String(nonce) })
}
