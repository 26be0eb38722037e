import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { cachedWeights, saveWeights } from './store'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const account = (i: number) => '0x' + i.toString(16).padStart(40, '0')

describe('the weights cache', () => {
  it('answers the same for many accounts (one scan) as account by account', () => {
    const db = openDatabase(':memory:')
    // 3,000 cached at block 10 on this token, others at another block, token and chain that must not leak in.
    saveWeights(db, 31337, TOKEN, 10, new Map(Array.from({ length: 3_000 }, (_, i) => [account(i), BigInt(i + 1)])))
    saveWeights(db, 31337, TOKEN, 11, new Map([[account(5_000), 7n]]))
    saveWeights(db, 31337, account(99), 10, new Map([[account(5_001), 8n]]))
    saveWeights(db, 1, TOKEN, 10, new Map([[account(5_002), 9n]]))
    // Asked: every other cached account, plus ones cached only elsewhere or not at all.
    const asked = [
      ...Array.from({ length: 1_500 }, (_, i) => account(2 * i)),
      ...[5_000, 5_001, 5_002, 6_000].map(account),
    ]
    const many = cachedWeights(db, 31337, TOKEN, 10, asked)
    expect(many.size).toBe(1_500)
    expect(many.get(account(2_998))).toBe(2_999n)
    expect(many.has(account(1))).toBe(false)
    // In chunks under the scan threshold, account by account: the same answer.
    const one = new Map<string, bigint>()
    for (let i = 0; i < asked.length; i += 500)
      for (const [a, w] of cachedWeights(db, 31337, TOKEN, 10, asked.slice(i, i + 500))) one.set(a, w)
    expect([...many].sort()).toEqual([...one].sort())
    db.close()
  })
})
