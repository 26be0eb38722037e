import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import { GENESIS_HASH, eventHash, parsedEventHash } from './chain'

/*
 * The audit hash rule as docs/ARCHITECTURE.md states it ("Audit chain"), checked against a known answer computed
 * outside this code base (Python: json.dumps(event, sort_keys=True, separators=(',', ':'), ensure_ascii=False),
 * which is RFC 8785 for these values, then hashlib.sha256((prev_hash + canonical).encode('utf-8')).hexdigest()).
 */

const event = {
  seq: 2,
  at: '2026-12-05T18:00:00.000Z',
  actor: 'local-user',
  action: 'proposal.created',
  subject: 'proposal:7',
  payload: {
    title: 'Pay €5 — Zoë "q"',
    amount: '296497184744719253504',
    parts: [{ to: '0xAbCd000000000000000000000000000000000001', b: true, a: null }],
    n: 10,
    Z: [],
    é: {},
  },
}
const PREV = 'aeebad4a796fcc2e15dc4c6061b45ed9b373f26adfc798ca7d2d8cc58182718e' // sha256("genesis"), as text
const CANONICAL =
  '{"action":"proposal.created","actor":"local-user","at":"2026-12-05T18:00:00.000Z","payload":{"Z":[],' +
  '"amount":"296497184744719253504","n":10,"parts":[{"a":null,"b":true,"to":"0xAbCd000000000000000000000000000000000001"}],' +
  '"title":"Pay €5 — Zoë \\"q\\"","é":{}},"seq":2,"subject":"proposal:7"}'
const EXPECTED = '93ff27b4ff655dbeca70110cd59142cb54d595f1ba7e4d834e18f196dac6456c'
const EXPECTED_AFTER_GENESIS = 'c3b5fef25c23185d27595227f18fe2dfa0a3238fcfe4ae9150bbe02fb1467222'

describe('audit hash rule (known answer)', () => {
  it('JCS form of the six fields, byte for byte', () => {
    expect(canonicalize(event)).toBe(CANONICAL)
  })

  it('SHA-256 over the UTF-8 bytes of prev_hash (64 lower-case hex characters, as text) followed by the JCS text', () => {
    const byHand = createHash('sha256')
      .update(Buffer.from(PREV + CANONICAL, 'utf8'))
      .digest('hex')
    expect(byHand).toBe(EXPECTED)
    expect(eventHash(PREV, event)).toBe(EXPECTED)
    expect(parsedEventHash(PREV, event.seq, event.at, event.actor, event.action, event.subject, event.payload)).toBe(
      EXPECTED,
    )
    expect(GENESIS_HASH).toBe('0'.repeat(64))
    expect(eventHash(GENESIS_HASH, event)).toBe(EXPECTED_AFTER_GENESIS)
    // Not the raw 32 bytes of prev_hash, and not upper-case hex: those give other hashes.
    expect(
      createHash('sha256')
        .update(Buffer.concat([Buffer.from(PREV, 'hex'), Buffer.from(CANONICAL)]))
        .digest('hex'),
    ).not.toBe(EXPECTED)
    expect(eventHash(PREV.toUpperCase(), event)).not.toBe(EXPECTED)
  })
})
