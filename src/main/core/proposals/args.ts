import { Fragment, FunctionFragment, Interface, ParamType, getAddress, isHexString } from 'ethers'

export class ProposalBuildError extends Error {
  constructor(
    message: string,
    /** Where in the input: `parts[2].args[1]`, `transactions[3].to` … */
    readonly path: string,
  ) {
    super(`${path}: ${message}`)
  }
}

/** An ABI as JSON (array or {abi: [...]}, as Etherscan and Hardhat give it) or human-readable lines. */
export function parseAbi(text: string, path: string): Interface {
  const trimmed = text.trim()
  try {
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      const json = JSON.parse(trimmed) as unknown
      const abi = Array.isArray(json) ? json : (json as { abi?: unknown }).abi
      if (!Array.isArray(abi)) throw new Error('the JSON holds no ABI array')
      return new Interface(abi as Fragment[])
    }
    const lines = trimmed
      .split(/\n|;/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => (/^(function|event|error|constructor|fallback|receive)\b/.test(l) ? l : `function ${l}`))
    return new Interface(lines)
  } catch (error) {
    throw new ProposalBuildError(`not a usable ABI (${firstLine(error)})`, path)
  }
}

export function findFunction(iface: Interface, method: string, path: string): FunctionFragment {
  const matches: FunctionFragment[] = []
  iface.forEachFunction((f) => {
    if (f.name === method || f.format('sighash') === method.replace(/\s+/g, '')) matches.push(f)
  })
  if (matches.length === 0) throw new ProposalBuildError(`the ABI has no function "${method}"`, path)
  if (matches.length > 1)
    throw new ProposalBuildError(
      `"${method}" is overloaded: name one of ${matches.map((f) => f.format('sighash')).join(', ')}`,
      path,
    )
  return matches[0]
}

/**
 * One argument typed as text (what a form or Transaction Builder's contractInputsValues holds) → the value ethers
 * encodes. Arrays and tuples are JSON; booleans true/false; integers decimal or 0x hex.
 */
export function parseArg(param: ParamType, raw: unknown, path: string): unknown {
  const fail = (why: string): never => {
    throw new ProposalBuildError(`${why} (${param.type}${param.name ? ' ' + param.name : ''})`, path)
  }
  if (param.isArray() || param.isTuple()) {
    let value = raw
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw)
      } catch {
        fail('not JSON')
      }
    }
    if (param.isArray()) {
      if (!Array.isArray(value)) fail('not an array')
      const items = value as unknown[]
      if (param.arrayLength >= 0 && items.length !== param.arrayLength)
        fail(`needs ${param.arrayLength} items, has ${items.length}`)
      return items.map((item, i) => parseArg(param.arrayChildren, item, `${path}[${i}]`))
    }
    const components = param.components
    if (Array.isArray(value)) {
      if (value.length !== components.length) fail(`needs ${components.length} fields, has ${value.length}`)
      return components.map((c, i) => parseArg(c, value[i], `${path}.${c.name || i}`))
    }
    if (typeof value !== 'object' || value === null) fail('not a tuple (JSON array or object)')
    return components.map((c) => parseArg(c, (value as Record<string, unknown>)[c.name], `${path}.${c.name}`))
  }
  const text =
    typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null
  if (text === null) return fail('missing')
  const base = param.baseType
  if (base === 'address') {
    if (!/^0x[0-9a-fA-F]{40}$/.test(text)) fail('not an address')
    try {
      return getAddress(text)
    } catch {
      return fail('address checksum is wrong')
    }
  }
  if (base === 'bool') {
    if (text !== 'true' && text !== 'false') fail('not true or false')
    return text === 'true'
  }
  if (/^u?int\d*$/.test(base)) {
    if (!/^-?(0|[1-9][0-9]*)$/.test(text) && !/^0x[0-9a-fA-F]+$/.test(text)) fail(`"${text}" is not an integer`)
    const n = BigInt(text)
    const bits = Number(base.replace(/^u?int/, '') || 256)
    const unsigned = base.startsWith('u')
    const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n
    const min = unsigned ? 0n : -(1n << BigInt(bits - 1))
    if (n < min || n > max) fail(`${text} is out of range`)
    return n
  }
  if (base.startsWith('bytes')) {
    if (!isHexString(text)) fail('not 0x-prefixed hex')
    const size = base === 'bytes' ? null : Number(base.slice(5))
    if (size !== null && (text.length - 2) / 2 !== size) fail(`needs exactly ${size} bytes`)
    return text
  }
  if (base === 'string') return typeof raw === 'string' ? raw : text
  return fail('unsupported type')
}

export function encodeCall(
  fn: FunctionFragment,
  args: unknown[] | Record<string, unknown>,
  path: string,
): { data: string; decoded: Array<{ name: string; type: string; value: string }> } {
  const values = fn.inputs.map((input, i) => {
    const raw = Array.isArray(args) ? args[i] : (args as Record<string, unknown>)[input.name]
    if (Array.isArray(args) && i >= args.length)
      throw new ProposalBuildError(`missing (needs ${fn.inputs.length} arguments)`, `${path}[${i}]`)
    return parseArg(input, raw, Array.isArray(args) ? `${path}[${i}]` : `${path}.${input.name || i}`)
  })
  if (Array.isArray(args) && args.length > fn.inputs.length)
    throw new ProposalBuildError(`${fn.name} takes ${fn.inputs.length} arguments, ${args.length} given`, path)
  const data = new Interface([fn]).encodeFunctionData(fn, values)
  return {
    data,
    decoded: fn.inputs.map((input, i) => ({
      name: input.name || `arg${i}`,
      type: input.type,
      value: display(values[i]),
    })),
  }
}

export function display(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
  return String(value)
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200)
}
