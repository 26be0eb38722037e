import { afterAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { z } from 'zod'
import { contract, callNames } from '../../src/shared/contract'
import { verifyAuditChain } from '../../src/main/core/audit'
import { sandboxWorkspace } from '../integration/helpers'

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const KNOWN_CODES = new Set([
  'BAD_INPUT',
  'UNKNOWN_CALL',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'UNAUTHORIZED',
  'CHAIN_ERROR',
  'SERVICE_ERROR',
  'NOT_CONFIGURED',
])

/** Values an attacker or a broken file would send: wrong types, huge and odd strings, bad hex and addresses. */
const hostileScalar = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    0,
    -1,
    1e308,
    Number.NaN,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    '0x',
    '0xZZ',
    '0x' + 'f'.repeat(41),
    '0x70997970C51812dc3A010C7d01b50e0d17dc79c8', // wrong checksum
    '0x0000000000000000000000000000000000000000',
    '-1',
    '1.5',
    '1e18',
    '=HYPERLINK("http://evil")',
    '../../../../etc/passwd',
    'http://169.254.169.254/latest/meta-data',
    'javascript:alert(1)',
    '\u0000\u202e',
  ),
  fc.string({ maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.constant('x'.repeat(300_000)),
)

const pollutedObject = fc.dictionary(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'),
  hostileScalar,
  {
    minKeys: 1,
    maxKeys: 3,
  },
)

const deep = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    hostileScalar,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 3 }),
  ),
})).node

function deeplyNested(depth: number): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value }
  return value
}

/** For an object schema: its own keys, each given a hostile value, so field validators (not just strictness) are hit. */
function fieldAttacks(schema: z.ZodType): fc.Arbitrary<unknown> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : null
  if (!shape || Object.keys(shape).length === 0) return fc.constant({ unexpected: 1 })
  const keys = Object.keys(shape)
  return fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(hostileScalar, deep, pollutedObject)])), {
    requiredKeys: [],
  })
}

/**
 * Prototype pollution shows as a changed own property of a shared prototype: a key added or removed, or a value,
 * getter or setter replaced (`__proto__.toString = …`). Taken before any call, compared after every call.
 */
const PROTOTYPES: Array<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
]
type PrototypeState = Map<string, Map<PropertyKey, PropertyDescriptor>>

function prototypeState(): PrototypeState {
  return new Map(
    PROTOTYPES.map(([name, proto]) => [
      name,
      new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)!])),
    ]),
  )
}

/** What changed on the shared prototypes since `before`, in words; empty when nothing did. */
function pollution(before: PrototypeState): string[] {
  const changes: string[] = []
  for (const [name, now] of prototypeState()) {
    const then = before.get(name)!
    for (const [key, d] of now) {
      const was = then.get(key)
      if (!was) changes.push(`${name}.${String(key)} was added`)
      else if (was.value !== d.value || was.get !== d.get || was.set !== d.set || was.writable !== d.writable)
        changes.push(`${name}.${String(key)} was replaced`)
    }
    for (const key of then.keys()) if (!now.has(key)) changes.push(`${name}.${String(key)} was removed`)
  }
  return changes
}

const pristine = prototypeState()

describe('the prototype pollution check itself', () => {
  it('sees a key added to, or a method replaced on, a shared prototype', () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.polluted = 'yes'
    const arrayProto = Array.prototype as unknown as Record<string, unknown>
    const original = arrayProto.includes
    arrayProto.includes = () => true
    try {
      expect(pollution(pristine)).toEqual([
        'Object.prototype.polluted was added',
        'Array.prototype.includes was replaced',
      ])
    } finally {
      delete proto.polluted
      arrayProto.includes = original
    }
    expect(pollution(pristine)).toEqual([])
  })
})

describe('API fuzzing: every call, hostile inputs', () => {
  const ws = sandboxWorkspace()
  afterAll(() => ws.ctx.close())

  for (const name of callNames) {
    it(`${name}: ${RUNS} malformed inputs each get a typed answer`, async () => {
      const spec = contract[name]
      const input = fc.oneof(
        hostileScalar,
        deep,
        pollutedObject,
        fieldAttacks(spec.input),
        fc.constant(deeplyNested(5000)),
      )
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const result = await ws.api.dispatch(name, value)
          if (!result.ok) {
            expect(
              KNOWN_CODES.has(result.error.code),
              `${name} answered ${result.error.code}: ${result.error.message}`,
            ).toBe(true)
            expect(result.error.message.length).toBeLessThan(2000)
          }
          expect(pollution(pristine), `${name} changed a shared prototype`).toEqual([])
        }),
        { numRuns: RUNS },
      )
    })
  }

  it('leaves the database intact and the audit chain verifying', () => {
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(verifyAuditChain(ws.db).ok).toBe(true)
    expect(pollution(pristine)).toEqual([])
  })
})
