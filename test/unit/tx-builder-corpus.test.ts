import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { LosslessNumber, parse as losslessParse } from 'lossless-json'
import { encodeFunctionData, keccak256, toHex, type AbiFunction, type AbiParameter } from 'viem'
import { FunctionFragment } from 'ethers'
import { parseTxBuilderBatch } from '../../src/main/core/proposals/txbuilder'
import { encodeCall } from '../../src/main/core/proposals/args'

/*
 * Genuine Transaction Builder exports (test/fixtures/tx-builder/SOURCES.md) imported by the app and compared, call by
 * call, with an encoding made here without the app's code: the file read by lossless-json, the Builder's text read
 * by the small reader below (its rules from safe-react-apps apps/tx-builder/src/utils.ts), encoded by viem. The
 * checksum is recomputed with the Builder's algorithm (lib/checksum.ts) re-stated here and compared with the one
 * the Builder wrote into the file.
 */

const DIR = join(__dirname, '../fixtures/tx-builder')
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.json'))
const accepted = fixtures.filter((f) => !f.startsWith('refused-'))

type Json = string | number | boolean | null | LosslessNumber | Json[] | { [k: string]: Json }

/** The Builder's checksum: keys sorted, each object as its sorted key list then its values, meta.name null. */
function builderChecksum(text: string): string {
  const file = JSON.parse(text) as { meta: Record<string, unknown> }
  const meta = { ...file.meta, name: null } as Record<string, unknown>
  delete meta.checksum
  const serialise = (v: unknown): string => {
    if (Array.isArray(v)) return '[' + v.map(serialise).join(',') + ']'
    if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort()
      return (
        '{' + JSON.stringify(keys) + keys.map((k) => serialise((v as Record<string, unknown>)[k]) + ',').join('') + '}'
      )
    }
    return JSON.stringify(v === undefined ? null : v)
  }
  return keccak256(toHex(serialise({ ...file, meta })))
}

/** Integer text as the Builder reads it: quotes dropped, decimal or (signed) 0x hex. */
function int(text: string): bigint {
  const t = text.replace(/["']/g, '').trim()
  return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t)
}

/** The Builder's unquoted list `[0xab, [1, 2]]` → nested lists of item texts (every bare token quoted, then JSON). */
function builderList(text: string): unknown {
  return JSON.parse(text.replace(/[^[\],\s]+/g, (token) => JSON.stringify(token.replace(/["']/g, ''))))
}

function leaf(type: string, v: Json): unknown {
  if (/^u?int/.test(type)) return v instanceof LosslessNumber ? BigInt(v.toString()) : int(String(v))
  if (type === 'bool') return v === true || (typeof v === 'string' && /^(true|1)$/i.test(v.trim()))
  return v
}

/** A value (already JSON) shaped for viem by its ABI parameter. */
function shape(param: AbiParameter, v: Json): unknown {
  const array = /^(.*)\[(\d*)\]$/.exec(param.type)
  if (array) return (v as Json[]).map((item) => shape({ ...param, type: array[1] } as AbiParameter, item))
  if (param.type === 'tuple') {
    const components = (param as { components: readonly AbiParameter[] }).components
    return components.map((c, i) => shape(c, (v as Json[])[i]))
  }
  return leaf(param.type, v)
}

function viemArg(param: AbiParameter, raw: Json): unknown {
  const text = raw instanceof LosslessNumber ? raw.toString() : String(raw)
  if (param.type.startsWith('tuple') || /^string(\[\d*\])+$/.test(param.type))
    return shape(param, losslessParse(text) as Json)
  if (param.type.endsWith(']')) return shape(param, builderList(text) as Json)
  return leaf(param.type, raw)
}

/** Calldata the app would send for each transaction, built as build.ts builds it from the imported part. */
function appCalldata(text: string): Array<{ to: string; value: string; data: string }> {
  const file = JSON.parse(text) as { chainId: string; meta: { createdFromSafeAddress?: string } }
  const safe = file.meta.createdFromSafeAddress || '0x0000000000000000000000000000000000000001'
  return parseTxBuilderBatch(text, { chainId: Number(file.chainId), safe }).parts.map((part) => {
    if (part.type !== 'contract_call') throw new Error('a batch imports to calls')
    if (!part.abi) return { to: part.to, value: part.value, data: part.data ?? '0x' }
    const fn = FunctionFragment.from((JSON.parse(part.abi) as object[])[0])
    return { to: part.to, value: part.value, data: encodeCall(fn, part.args ?? [], 'args').data }
  })
}

/** The same, made independently: lossless-json + the reader above + viem. */
function independentCalldata(text: string): Array<{ to: string; value: string; data: string }> {
  const file = losslessParse(text) as { transactions: Array<Record<string, Json>> }
  return file.transactions.map((tx) => {
    const value = String(tx.value ?? '0')
    const method = tx.contractMethod as { name: string; inputs: AbiParameter[]; payable: boolean } | null
    if ((typeof tx.data === 'string' && tx.data !== '') || !method)
      return { to: String(tx.to), value, data: typeof tx.data === 'string' && tx.data !== '' ? tx.data : '0x' }
    const values = (tx.contractInputsValues ?? {}) as Record<string, Json>
    const abi = {
      type: 'function',
      name: method.name,
      inputs: method.inputs,
      outputs: [],
      stateMutability: 'nonpayable',
    }
    const args = method.inputs.map((input, i) => viemArg(input, values[input.name || String(i)] ?? ''))
    return { to: String(tx.to), value, data: encodeFunctionData({ abi: [abi as AbiFunction], args }) }
  })
}

describe('genuine Transaction Builder exports (corpus)', () => {
  it('covers several Builder versions, and integers above 2^53 in every position', () => {
    const versions = new Set(
      accepted.map(
        (f) =>
          (JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { meta: { txBuilderVersion: string } }).meta
            .txBuilderVersion,
      ),
    )
    expect(versions.size).toBeGreaterThanOrEqual(10)
    const sources = readFileSync(join(DIR, 'SOURCES.md'), 'utf8')
    for (const f of fixtures) expect(sources, `${f} has its source named`).toContain(f)
  })

  for (const name of accepted) {
    it(`${name}: every call matches viem, and the checksum is the Builder's`, () => {
      const text = readFileSync(join(DIR, name), 'utf8')
      const ours = appCalldata(text)
      const theirs = independentCalldata(text)
      expect(ours.length).toBe(theirs.length)
      ours.forEach((call, i) => {
        expect({ i, to: call.to.toLowerCase(), value: call.value, data: call.data.toLowerCase() }).toEqual({
          i,
          to: theirs[i].to.toLowerCase(),
          value: theirs[i].value,
          data: theirs[i].data.toLowerCase(),
        })
      })
      const stated = (JSON.parse(text) as { meta: { checksum?: string } }).meta.checksum
      expect(stated, 'every corpus file carries the checksum the Builder wrote').toMatch(/^0x[0-9a-f]{64}$/)
      expect(builderChecksum(text)).toBe(stated)
      const file = JSON.parse(text) as { chainId: string; meta: { createdFromSafeAddress: string } }
      expect(
        parseTxBuilderBatch(text, { chainId: Number(file.chainId), safe: file.meta.createdFromSafeAddress }).checksumOk,
      ).toBe(true)
    })
  }

  it('crafted file: each value above 2^53 arrives in the calldata exactly', () => {
    const text = readFileSync(join(DIR, 'crafted-above-2pow53-everywhere.json'), 'utf8')
    const calls = appCalldata(text)
    expect(calls[0].value).toBe('296497184744719253504')
    expect(calls[1].value).toBe('9007199254740993')
    for (const n of ['296497184744719253504', '9007199254740993', '18446744073709551617'])
      expect(calls[2].data).toContain(BigInt(n).toString(16).padStart(64, '0'))
  })

  it('refuses what the Builder itself cannot encode, naming the line, path and reason', () => {
    const tupleBool = readFileSync(join(DIR, 'refused-tuple-bool-text-balancer-bip-591c.json'), 'utf8')
    expect(() => appCalldata(tupleBool)).toThrow(
      /^line \d+, transactions\[0\]\.contractInputsValues\.onChainQuote\.generalQuoteInfo\.isSingleUse: write true or false/,
    )
    const jsonList = readFileSync(join(DIR, 'refused-json-list-value-balancer-w31.json'), 'utf8')
    expect(() => appCalldata(jsonList)).toThrow(/^line \d+, transactions\[\d+\]\.contractInputsValues\.gauges: /)
  })
})
