import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { encodeFunctionData, getAddress, type AbiFunction, type AbiParameter } from 'viem'
import { FunctionFragment } from 'ethers'
import { encodeCall } from '../../src/main/core/proposals/args'

/*
 * Property: for random ABI types and values, the text the Transaction Builder would hold for each argument, written
 * here by a writer that knows only the Builder's format (unquoted lists for scalars, JSON for tuples and strings,
 * integers as decimal or hex, quoted or not), imports to the calldata viem encodes from the values themselves.
 */

type Value = bigint | boolean | string | Value[]
interface Typed {
  param: AbiParameter
  value: fc.Arbitrary<Value>
}

const INT_SIZES = [8, 16, 24, 32, 64, 96, 128, 160, 200, 248, 256]
const hex = (bytes: number) =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => '0x' + Buffer.from(b).toString('hex'))

const leafType: fc.Arbitrary<Typed> = fc.oneof(
  fc.constantFrom(...INT_SIZES).map((bits) => ({
    param: { type: `uint${bits}` } as AbiParameter,
    value: fc.bigInt(0n, (1n << BigInt(bits)) - 1n) as fc.Arbitrary<Value>,
  })),
  fc.constantFrom(...INT_SIZES).map((bits) => ({
    param: { type: `int${bits}` } as AbiParameter,
    value: fc.bigInt(-(1n << BigInt(bits - 1)), (1n << BigInt(bits - 1)) - 1n) as fc.Arbitrary<Value>,
  })),
  fc.constant({
    param: { type: 'address' } as AbiParameter,
    value: hex(20).map((a) => getAddress(a)) as fc.Arbitrary<Value>,
  }),
  fc.constant({ param: { type: 'bool' } as AbiParameter, value: fc.boolean() as fc.Arbitrary<Value> }),
  fc
    .integer({ min: 1, max: 32 })
    .map((n) => ({ param: { type: `bytes${n}` } as AbiParameter, value: hex(n) as fc.Arbitrary<Value> })),
  fc.constant({
    param: { type: 'bytes' } as AbiParameter,
    value: fc.integer({ min: 0, max: 40 }).chain((n) => hex(n)) as fc.Arbitrary<Value>,
  }),
  fc.constant({
    param: { type: 'string' } as AbiParameter,
    value: fc.string({ maxLength: 12 }) as fc.Arbitrary<Value>,
  }),
)

const typed: fc.Arbitrary<Typed> = fc.letrec<{ t: Typed }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafType,
    tie('t').chain((inner) =>
      fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }).map((fixed) => ({
        param: { ...inner.param, type: `${inner.param.type}[${fixed ?? ''}]` } as AbiParameter,
        value: fc.array(inner.value, { minLength: fixed ?? 0, maxLength: fixed ?? 3 }) as fc.Arbitrary<Value>,
      })),
    ),
    fc.array(tie('t'), { minLength: 1, maxLength: 3 }).map((fields) => ({
      param: {
        type: 'tuple',
        components: fields.map((f, i) => ({ ...f.param, name: `f${i}` })),
      } as AbiParameter,
      value: fc.tuple(...fields.map((f) => f.value)) as fc.Arbitrary<Value>,
    })),
  ),
})).t

const isTupleType = (p: AbiParameter) => p.type.startsWith('tuple')
const leafOf = (type: string) => type.replace(/(\[\d*\])+$/, '')

/** How the Builder's JSON holds a value (tuples, lists of strings): integers as bare numbers or strings. */
function asJson(param: AbiParameter, v: Value, style: number): string {
  const array = /^(.*)\[\d*\]$/.exec(param.type)
  if (array)
    return `[${(v as Value[]).map((x, i) => asJson({ ...param, type: array[1] } as AbiParameter, x, style + i)).join(', ')}]`
  if (param.type === 'tuple') {
    const cs = (param as { components: readonly AbiParameter[] }).components
    return `[${cs.map((c, i) => asJson(c, (v as Value[])[i], style + i)).join(',')}]`
  }
  if (typeof v === 'bigint')
    return style % 3 === 0
      ? v.toString()
      : style % 3 === 1
        ? `"${v}"`
        : `"${v < 0n ? '-' : ''}0x${(v < 0n ? -v : v).toString(16)}"`
  return JSON.stringify(v)
}

/** The Builder's own list text for scalars: items bare or quoted, decimal or hex, loose spacing. */
function asBuilderList(type: string, v: Value, style: number): string {
  const array = /^(.*)\[\d*\]$/.exec(type)
  if (array)
    return `[${(v as Value[]).map((x, i) => asBuilderList(array[1], x, style + i)).join(style % 2 ? ',' : ', ')}]`
  const item = scalarText(v, style)
  return style % 4 === 3 ? `"${item}"` : item
}

function scalarText(v: Value, style: number): string {
  if (typeof v === 'bigint') return style % 2 ? v.toString() : `${v < 0n ? '-' : ''}0x${(v < 0n ? -v : v).toString(16)}`
  if (typeof v === 'boolean') return [String(v), v ? '1' : '0', v ? 'True' : 'FALSE'][style % 3]
  return String(v)
}

function builderText(param: AbiParameter, v: Value, style: number): string {
  if (isTupleType(param) || (param.type.endsWith(']') && leafOf(param.type) === 'string'))
    return asJson(param, v, style)
  if (param.type.endsWith(']')) return asBuilderList(param.type, v, style)
  if (typeof v === 'bigint' && style % 3 === 2) return `"${scalarText(v, style)}"` // the Builder drops quotes on integers
  return scalarText(v, style)
}

describe('Transaction Builder text → calldata (property)', () => {
  it('random ABI values written as the Builder writes them import to viem’s calldata', () => {
    const call = fc
      .array(typed, { minLength: 1, maxLength: 4 })
      .chain((ts) => fc.tuple(fc.constant(ts), fc.tuple(...ts.map((t) => t.value)), fc.nat(1000)))
    fc.assert(
      fc.property(call, ([ts, values, style]) => {
        const inputs = ts.map((t, i) => ({ ...t.param, name: `a${i}` }))
        const abi = { type: 'function', name: 'f', inputs, outputs: [], stateMutability: 'nonpayable' } as AbiFunction
        const expected = encodeFunctionData({ abi: [abi], args: values as never })
        const texts = inputs.map((p, i) => builderText(p, values[i], style + i))
        const ours = encodeCall(FunctionFragment.from(abi), texts, 'args').data
        expect(ours).toBe(expected)
      }),
      { numRuns: 400 },
    )
  })
})
