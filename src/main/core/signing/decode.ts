import { Interface, MaxUint256, dataLength, dataSlice, getAddress, getBytes, hexlify, toBigInt } from 'ethers'
import type { DecodedCall, TokenRef, Transfer, Warning } from '../../../shared/contract/signing'
import type { SafeTx } from './safe-tx'

/** What the decoder may rely on: tokens and MultiSend contracts this machine knows, and the Safe's own address. */
export interface DecodeEnv {
  chainId: number
  safe: string
  /** By lower-case address. `known: false` entries are only as stated by the request being reviewed. */
  tokens: Map<string, TokenRef>
  /** Lower-case addresses of MultiSend / MultiSendCallOnly contracts known for this chain. */
  multiSend: Set<string>
  nativeSymbol?: string
  /** The native coin's decimals (core/tokens/native.ts); 18 when not given. */
  nativeDecimals?: number
}

export interface Decoded {
  calls: DecodedCall[]
  transfers: Transfer[]
  warnings: Warning[]
}

const ERC20 = new Interface([
  'function transfer(address to, uint256 amount)',
  'function transferFrom(address from, address to, uint256 amount)',
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
])

const SAFE = new Interface([
  'function addOwnerWithThreshold(address owner, uint256 _threshold)',
  'function removeOwner(address prevOwner, address owner, uint256 _threshold)',
  'function swapOwner(address prevOwner, address oldOwner, address newOwner)',
  'function changeThreshold(uint256 _threshold)',
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function setGuard(address guard)',
  'function setFallbackHandler(address handler)',
])

const MULTISEND = new Interface(['function multiSend(bytes transactions)'])
const MAX_DEPTH = 2
/** Approvals at or above 2^128 are unlimited in practice: no token has that many units in circulation. */
const UNLIMITED = 2n ** 128n

/** An exact amount, grouped for reading: a signing screen never rounds. */
export function exactAmount(base: bigint | string, decimals: number): string {
  const value = BigInt(base)
  const negative = value < 0n
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const fraction = decimals ? digits.slice(digits.length - decimals).replace(/0+$/, '') : ''
  return `${negative ? '-' : ''}${whole}${fraction ? '.' + fraction : ''}`
}

function shortHex(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

/** Decodes a SafeTx from its bytes alone: never from a summary someone else wrote. */
export function decodeSafeTx(tx: SafeTx, env: DecodeEnv): Decoded {
  const out: Decoded = { calls: [], transfers: [], warnings: [] }
  out.calls.push(decodeCall(tx.to, BigInt(tx.value), tx.data, tx.operation, env, out, 0, tx.nonce))
  return out
}

function nativeToken(env: DecodeEnv): TokenRef {
  return { address: null, symbol: env.nativeSymbol ?? 'native coin', decimals: env.nativeDecimals ?? 18, known: true }
}

function tokenAt(address: string, env: DecodeEnv, out: Decoded): TokenRef {
  const token = env.tokens.get(address.toLowerCase())
  if (token?.known) return token
  const stated = token ? ` (as stated by the request: ${token.symbol}, ${token.decimals} decimals)` : ''
  warn(out, {
    code: 'unknown-token',
    severity: 'caution',
    message: `Token contract ${address} is not known to this workspace${stated}. Check its address before signing.`,
  })
  return token ?? { address, symbol: `tokens of ${shortHex(address)}`, decimals: 0, known: false }
}

function warn(out: Decoded, warning: Warning): void {
  if (!out.warnings.some((w) => w.code === warning.code && w.message === warning.message)) out.warnings.push(warning)
}

function decodeCall(
  to: string,
  value: bigint,
  data: string,
  operation: 0 | 1,
  env: DecodeEnv,
  out: Decoded,
  depth: number,
  nonce?: string,
): DecodedCall {
  const target = getAddress(to)
  const base = { to: target, value: value.toString(), operation, dataBytes: dataLength(data) }
  const isSafe = target === getAddress(env.safe)
  const selector = dataLength(data) >= 4 ? dataSlice(data, 0, 4) : null

  if (operation === 1) {
    const knownMultiSend = env.multiSend.has(target.toLowerCase())
    if (knownMultiSend && depth === 0 && selector === MULTISEND.getFunction('multiSend')!.selector) {
      return decodeMultiSend(base, data, env, out, depth)
    }
    warn(out, {
      code: 'delegatecall',
      severity: 'danger',
      message: knownMultiSend
        ? `A nested delegatecall to MultiSend ${target}: its calls would run with the Safe's full authority.`
        : `DELEGATECALL to ${target}, which is not a known MultiSend contract: that code would run with the Safe's full authority (it could take every asset or change the owners).`,
    })
    return { ...base, kind: 'contract-call', text: `Delegatecall into ${target} (runs its code as the Safe)` }
  }

  if (!selector) {
    if (dataLength(data) > 0) return unknownCall(base, data, out, env)
    if (value === 0n && isSafe && depth === 0)
      return {
        ...base,
        kind: 'rejection',
        text: `Reject: an empty transaction that uses nonce ${nonce ?? '?'} so nothing else can execute at it`,
      }
    const token = nativeToken(env)
    const human = exactAmount(value, 18)
    out.transfers.push({ recipient: target, token, amount: value.toString(), human, kind: 'transfer' })
    return {
      ...base,
      kind: 'native-transfer',
      text: `Send ${human} ${token.symbol} to ${target}`,
      token,
      amount: value.toString(),
      recipient: target,
    }
  }

  const erc20 = parse(ERC20, data)
  if (erc20 && !isSafe) {
    const token = tokenAt(target, env, out)
    const args = erc20.args
    const withValue = value > 0n ? ` (and sends ${exactAmount(value, 18)} ${nativeToken(env).symbol} with it)` : ''
    if (erc20.name === 'transfer') {
      const [recipient, amount] = [getAddress(args[0] as string), args[1] as bigint]
      const human = exactAmount(amount, token.decimals)
      out.transfers.push({ recipient, token, amount: amount.toString(), human, kind: 'transfer' })
      return {
        ...base,
        kind: 'erc20-transfer',
        method: 'transfer',
        args: [
          { name: 'to', type: 'address', value: recipient },
          { name: 'amount', type: 'uint256', value: amount.toString() },
        ],
        token,
        amount: amount.toString(),
        recipient,
        text: `Send ${human} ${token.symbol} to ${recipient}${withValue}`,
      }
    }
    if (erc20.name === 'transferFrom') {
      const [from, recipient, amount] = [getAddress(args[0]), getAddress(args[1]), args[2] as bigint]
      const human = exactAmount(amount, token.decimals)
      out.transfers.push({ recipient, token, amount: amount.toString(), human, kind: 'transfer' })
      return {
        ...base,
        kind: 'erc20-transfer-from',
        method: 'transferFrom',
        args: [
          { name: 'from', type: 'address', value: from },
          { name: 'to', type: 'address', value: recipient },
          { name: 'amount', type: 'uint256', value: amount.toString() },
        ],
        token,
        amount: amount.toString(),
        recipient,
        text: `Move ${human} ${token.symbol} from ${from} to ${recipient}${withValue}`,
      }
    }
    // approve / increaseAllowance
    const [spender, amount] = [getAddress(args[0]), args[1] as bigint]
    const unlimited = amount >= UNLIMITED
    const human = amount === MaxUint256 ? 'unlimited' : exactAmount(amount, token.decimals)
    if (unlimited)
      warn(out, {
        code: 'unlimited-approval',
        severity: 'danger',
        message: `Unlimited approval: ${spender} could take every ${token.symbol} the Safe holds, now or later.`,
      })
    out.transfers.push({ recipient: spender, token, amount: amount.toString(), human, kind: 'approval' })
    return {
      ...base,
      kind: 'erc20-approve',
      method: erc20.name,
      args: [
        { name: 'spender', type: 'address', value: spender },
        { name: 'amount', type: 'uint256', value: amount.toString() },
      ],
      token,
      amount: amount.toString(),
      recipient: spender,
      text: `Allow ${spender} to spend ${unlimited ? 'an unlimited amount of' : human} ${token.symbol}${erc20.name === 'increaseAllowance' ? ' more' : ''}`,
    }
  }

  const safeCall = isSafe ? parse(SAFE, data) : null
  if (safeCall) {
    const a = safeCall.args
    const owners = ['addOwnerWithThreshold', 'removeOwner', 'swapOwner', 'changeThreshold'].includes(safeCall.name)
    const text =
      safeCall.name === 'addOwnerWithThreshold'
        ? `Add owner ${getAddress(a[0])} and set the threshold to ${a[1]}`
        : safeCall.name === 'removeOwner'
          ? `Remove owner ${getAddress(a[1])} and set the threshold to ${a[2]}`
          : safeCall.name === 'swapOwner'
            ? `Replace owner ${getAddress(a[1])} with ${getAddress(a[2])}`
            : safeCall.name === 'changeThreshold'
              ? `Change the threshold to ${a[0]}`
              : safeCall.name === 'enableModule'
                ? `Enable module ${getAddress(a[0])}: it could move funds without any signature`
                : safeCall.name === 'disableModule'
                  ? `Disable module ${getAddress(a[1])}`
                  : safeCall.name === 'setGuard'
                    ? `Set the transaction guard to ${getAddress(a[0])}: it can block every future transaction`
                    : `Set the fallback handler to ${getAddress(a[0])}`
    warn(
      out,
      owners
        ? { code: 'owner-change', severity: 'caution', message: `This changes who controls the Safe: ${text}.` }
        : {
            code: 'safe-settings',
            severity: safeCall.name === 'disableModule' ? 'caution' : 'danger',
            message: `This changes the Safe's security settings: ${text}.`,
          },
    )
    return {
      ...base,
      kind: owners ? 'safe-owners' : 'safe-settings',
      method: safeCall.name,
      args: safeCall.fragment.inputs.map((input, i) => ({
        name: input.name,
        type: input.type,
        value: String(input.type === 'address' ? getAddress(a[i]) : a[i]),
      })),
      text,
    }
  }

  if (env.multiSend.has(target.toLowerCase()) && selector === MULTISEND.getFunction('multiSend')!.selector) {
    warn(out, {
      code: 'unknown-call',
      severity: 'caution',
      message: `MultiSend ${target} is called, not delegatecalled: its parts would run as the MultiSend contract, not as the Safe.`,
    })
  }
  return unknownCall(base, data, out, env)
}

function unknownCall(
  base: Omit<DecodedCall, 'kind' | 'text'>,
  data: string,
  out: Decoded,
  env: DecodeEnv,
): DecodedCall {
  const selector = dataLength(data) >= 4 ? dataSlice(data, 0, 4) : hexlify(getBytes(data))
  warn(out, {
    code: 'unknown-call',
    severity: 'caution',
    message: `A call to ${base.to} (function ${selector}) that this app cannot decode: check it against the contract's source before signing.`,
  })
  const value = BigInt(base.value)
  return {
    ...base,
    kind: 'contract-call',
    method: selector,
    text: `Call function ${selector} on ${base.to}${value > 0n ? ` sending ${exactAmount(value, nativeToken(env).decimals)} ${nativeToken(env).symbol}` : ''}`,
  }
}

function decodeMultiSend(
  base: Omit<DecodedCall, 'kind' | 'text'>,
  data: string,
  env: DecodeEnv,
  out: Decoded,
  depth: number,
): DecodedCall {
  const packed = getBytes(MULTISEND.decodeFunctionData('multiSend', data)[0] as string)
  const parts: DecodedCall[] = []
  let i = 0
  while (i < packed.length) {
    if (i + 85 > packed.length) return malformed(base, out)
    const op = packed[i]
    const to = getAddress(hexlify(packed.slice(i + 1, i + 21)))
    const value = toBigInt(packed.slice(i + 21, i + 53))
    const length = Number(toBigInt(packed.slice(i + 53, i + 85)))
    if (op > 1 || i + 85 + length > packed.length) return malformed(base, out)
    const partData = hexlify(packed.slice(i + 85, i + 85 + length))
    parts.push(decodeCall(to, value, partData, op as 0 | 1, env, out, Math.min(depth + 1, MAX_DEPTH)))
    i += 85 + length
  }
  return {
    ...base,
    kind: 'multisend',
    method: 'multiSend',
    text: `A batch of ${parts.length} call${parts.length === 1 ? '' : 's'} (MultiSend), executed together or not at all`,
    parts,
  }
}

function malformed(base: Omit<DecodedCall, 'kind' | 'text'>, out: Decoded): DecodedCall {
  warn(out, {
    code: 'unknown-call',
    severity: 'danger',
    message: 'The MultiSend batch is malformed: its parts cannot be read. Do not sign.',
  })
  return { ...base, kind: 'contract-call', method: 'multiSend', text: 'A malformed MultiSend batch' }
}

function parse(iface: Interface, data: string) {
  try {
    return iface.parseTransaction({ data })
  } catch {
    return null
  }
}
