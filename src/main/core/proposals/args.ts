import { Fragment, FunctionFragment, Interface, type ParamType } from 'ethers'
import { ProposalBuildError } from './build-error'
import { describe, parseBuilderText } from './builder-text'
import { JsonNumberText } from './lossless-json'

export { ProposalBuildError }

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
 * One argument as the Transaction Builder writes it (a form field, or a `contractInputsValues` entry) → the value
 * ethers encodes. The rules are the Builder's own (apps/tx-builder/src/utils.ts `parseInputValue`, then web3-eth-abi's
 * `formatParam`), so a file imports to the calldata Safe would send; where Safe's reading is ambiguous or lossy
 * (unprefixed hex, floats, truthy strings) the value is refused instead. See docs/PROPOSALS.md.
 */
export function parseArg(param: ParamType, raw: unknown, path: string): unknown {
  if (raw instanceof JsonNumberText) return parseBuilderText(param, raw.text, path)
  if (typeof raw === 'boolean') return parseBuilderText(param, String(raw), path)
  if (raw === undefined || raw === null) {
    // The Builder reads a missing value as '' (contractFieldsValues[name] || ''): only a string takes it.
    if (param.baseType === 'string') return ''
    throw new ProposalBuildError(`missing (${describe(param)})`, path)
  }
  if (typeof raw !== 'string') throw new ProposalBuildError(`not text (${describe(param)})`, path)
  return parseBuilderText(param, raw, path)
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
