import { getAddress, type ParamType } from 'ethers'
import { ProposalBuildError } from './build-error'
import { JsonNumberText, parseLosslessJson, type LosslessJson } from './lossless-json'

/*
 * The Transaction Builder's reading of argument text, re-stated from its source (safe-global/safe-react-apps,
 * apps/tx-builder/src/utils.ts `parseInputValue`, and web3-eth-abi 1.x `formatParam`, which its encoder runs):
 *
 * - integers: every " and ' removed, trimmed, decimal or 0x hex, any size;
 * - bool: true/1 or false/0, any case;
 * - address, bytes, string: the text exactly as written (untrimmed);
 * - arrays of those (any depth): the Builder's own unquoted list `[0xab…, 12]`, split on top-level commas with all
 *   whitespace and quotes dropped from each item;
 * - tuples (and arrays of tuples) and arrays of strings: JSON;
 * - bytesN shorter than N bytes is right-padded with zeros, and odd-length hex gets a leading 0, but only where
 *   web3's formatParam reaches: a scalar, the items of a one-dimension `bytesN[]`, and tuple fields.
 *
 * Where Safe's reading is lossy or ambiguous the value is refused instead of guessed: numbers are read from their
 * text (never a float), `12ab` without 0x (web3 reads it as hex, and `1e21` as 0x1e21) is refused, and a tuple's
 * bool must be JSON true/false (ethers v5 encodes any non-empty text, "false" too, as true).
 */

export function describe(param: ParamType): string {
  return `${param.type}${param.name ? ' ' + param.name : ''}`
}

/** Where web3-eth-abi's formatParam pads bytesN and evens odd-length hex (see above). */
type Reach = 'formatted' | 'plain'

export function parseBuilderText(param: ParamType, text: string, path: string): unknown {
  if (param.type.startsWith('tuple') || (param.isArray() && leafOf(param).baseType === 'string')) {
    let json: LosslessJson
    try {
      json = parseLosslessJson(text.trim())
    } catch (error) {
      throw new ProposalBuildError(
        `not JSON (${(error as Error).message}); the Transaction Builder reads ${param.type} as JSON (${describe(param)})`,
        path,
      )
    }
    return fromJson(param, json, path, 'outside')
  }
  if (param.isArray()) return fromBuilderList(param, text, path, param.arrayLength === -1)
  return scalar(param, text, path, 'top', 'formatted')
}

function leafOf(param: ParamType): ParamType {
  let p = param
  while (p.isArray()) p = p.arrayChildren
  return p
}

function failAt(param: ParamType, path: string, why: string): never {
  throw new ProposalBuildError(`${why} (${describe(param)})`, path)
}

/**
 * The Builder's `parseStringToArray`: the text between the outer brackets, split on commas outside nested brackets;
 * every whitespace character is dropped (it trims as it appends). A comma with nothing after it ends the list, as
 * in the Builder; an empty place before a comma is a hole, which it cannot encode.
 */
export function splitBuilderList(text: string): Array<string | undefined> {
  // Linear: characters are collected per item (the Builder's append-and-trim drops every whitespace character,
  // and an item exists once any character of it, even a space, was seen).
  const items: Array<string[] | undefined> = []
  let index = 0
  let depth = 0
  for (const char of text.trim().slice(1, -1)) {
    if (char === ',' && depth === 0) {
      index++
      continue
    }
    if (char === '[') depth++
    if (char === ']') depth--
    const item = (items[index] ??= [])
    if (!/\s/.test(char)) item.push(char)
  }
  return Array.from(items, (chars) => chars?.join(''))
}

function fromBuilderList(param: ParamType, text: string, path: string, oneDimension: boolean): unknown[] {
  const trimmed = text.trim()
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) failAt(param, path, 'not a list: write [a, b, …]')
  const items = splitBuilderList(trimmed)
  const length = param.arrayLength ?? -1
  if (length >= 0 && items.length !== length) failAt(param, path, `needs ${length} items, has ${items.length}`)
  const child = param.arrayChildren as ParamType
  return items.map((item, i) => {
    const at = `${path}[${i}]`
    if (item === undefined) failAt(child, at, 'empty place in the list')
    if (child.isArray()) return fromBuilderList(child, item, at, false)
    // web3's formatParam maps over `bytesN[]` / `bytes[]` / `uint[]` items only for a one-dimension dynamic list.
    const reach: Reach = oneDimension && !child.isArray() && !child.isTuple() ? 'formatted' : 'plain'
    return scalar(child, item.replace(/["']/g, ''), at, 'item', reach)
  })
}

/** A leaf value from the Builder's text. `top`: the whole field (address/bytes/string taken as written). */
function scalar(param: ParamType, text: string, path: string, where: 'top' | 'item', reach: Reach): unknown {
  const base = param.baseType
  if (/^u?int\d*$/.test(base)) return integer(param, text.replace(/["']/g, '').trim(), path, true)
  if (base === 'bool') {
    const t = text.trim().toLowerCase()
    if (t === 'true' || t === '1') return true
    if (t === 'false' || t === '0') return false
    return failAt(param, path, `"${clip(text)}" is not true/false (or 1/0)`)
  }
  if (base === 'address') return address(param, text, path)
  if (base.startsWith('bytes')) return bytes(param, text, path, reach)
  if (base === 'string') {
    if (where === 'item') failAt(param, path, 'a list of strings is JSON: ["a", "b"]')
    return text
  }
  return failAt(param, path, `the Transaction Builder cannot encode ${param.type}`)
}

/** A value inside JSON (tuples, lists of tuples, lists of strings), numbers as their text. */
function fromJson(param: ParamType, value: LosslessJson, path: string, reach: 'outside' | 'field' | 'plain'): unknown {
  if (param.isArray()) {
    if (!Array.isArray(value)) return failAt(param, path, 'not a JSON list')
    if (param.arrayLength >= 0 && value.length !== param.arrayLength)
      failAt(param, path, `needs ${param.arrayLength} items, has ${value.length}`)
    const inner = reach === 'outside' ? 'outside' : 'plain'
    return value.map((item, i) => fromJson(param.arrayChildren, item, `${path}[${i}]`, inner))
  }
  if (param.isTuple()) {
    const components = param.components
    if (Array.isArray(value)) {
      if (value.length !== components.length)
        failAt(param, path, `needs ${components.length} fields, has ${value.length}`)
      return components.map((c, i) => fromJson(c, value[i], `${path}.${c.name || i}`, 'field'))
    }
    if (typeof value !== 'object' || value === null || value instanceof JsonNumberText)
      return failAt(param, path, 'not a tuple (a JSON list or object)')
    return components.map((c) => {
      if (!c.name) failAt(param, path, 'a tuple with unnamed fields is written as a JSON list')
      if (!(c.name in value)) failAt(c, `${path}.${c.name}`, 'missing')
      return fromJson(c, value[c.name], `${path}.${c.name}`, 'field')
    })
  }
  const base = param.baseType
  if (/^u?int\d*$/.test(base)) {
    if (value instanceof JsonNumberText) return integer(param, value.text, path, false)
    if (typeof value === 'string') return integer(param, value, path, false)
    return failAt(param, path, 'not an integer')
  }
  if (base === 'bool') {
    if (typeof value === 'boolean') return value
    return failAt(param, path, 'write true or false without quotes (Safe would encode any text, "false" too, as true)')
  }
  if (typeof value !== 'string') return failAt(param, path, 'not a JSON string')
  if (base === 'address') return address(param, value, path)
  if (base.startsWith('bytes')) return bytes(param, value, path, reach === 'field' ? 'formatted' : 'plain')
  if (base === 'string') return value
  return failAt(param, path, `the Transaction Builder cannot encode ${param.type}`)
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/**
 * Decimal or 0x hex, any size, range-checked for the type. `builderText`: the Builder's own parse (number-to-bn),
 * which also takes a bare `0x` as 0; inside JSON ethers v5's BigNumber.from, which does not.
 */
function integer(param: ParamType, text: string, path: string, builderText: boolean): bigint {
  if (text === '') failAt(param, path, 'empty')
  let n: bigint
  const hex = /^(-?)0[xX]([0-9a-fA-F]*)$/.exec(text)
  if (hex && (hex[2] !== '' || builderText)) n = BigInt(`0x${hex[2] || '0'}`) * (hex[1] ? -1n : 1n)
  else if (/^-?[0-9]+$/.test(text)) n = BigInt(text)
  else if (/^-?[0-9a-fA-F]+$/.test(text))
    return failAt(
      param,
      path,
      `"${clip(text)}" is hex without 0x (Safe would read it as 0x${text.replace('-', '')}): write 0x… or decimal digits`,
    )
  else return failAt(param, path, `"${clip(text)}" is not an integer (decimal digits or 0x hex)`)
  const bits = BigInt(Number(/\d+$/.exec(param.baseType)?.[0] ?? 256))
  const unsigned = param.baseType.startsWith('u')
  const max = unsigned ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n
  const min = unsigned ? 0n : -(1n << (bits - 1n))
  if (n < min || n > max) failAt(param, path, `${clip(text)} is out of range`)
  return n
}

/** ethers v5's getAddress, as Safe uses it: 0x optional, one-case or correctly checksummed. ICAP is refused. */
function address(param: ParamType, text: string, path: string): string {
  if (!/^(0x)?[0-9a-fA-F]{40}$/.test(text)) failAt(param, path, `"${clip(text)}" is not an address`)
  const prefixed = text.startsWith('0x') ? text : `0x${text}`
  const checksummed = getAddress(prefixed.toLowerCase())
  if (/([A-F].*[a-f])|([a-f].*[A-F])/.test(prefixed) && checksummed !== prefixed)
    failAt(param, path, `address checksum is wrong (${clip(text)})`)
  return checksummed
}

function bytes(param: ParamType, text: string, path: string, reach: Reach): string {
  if (!/^0x[0-9a-fA-F]*$/.test(text)) failAt(param, path, `"${clip(text)}" is not 0x-prefixed hex`)
  const size = param.baseType === 'bytes' ? null : Number(param.baseType.slice(5))
  let hex = text.slice(2)
  if (reach === 'formatted') {
    if (size !== null && hex.length < size * 2) hex = hex.padEnd(size * 2, '0')
    if (hex.length % 2 === 1) hex = `0${hex}`
  } else if (hex.length % 2 === 1) failAt(param, path, 'odd number of hex digits')
  if (size !== null && hex.length !== size * 2) failAt(param, path, `needs exactly ${size} bytes`)
  return `0x${hex}`
}
