import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openDatabase } from '../db/open'
import { migrations } from '../db/migrations'
import { getActiveChain, getActiveSafe, listChains, saveChain, setActiveSafe } from './store'
import { insertSafe, listSafes } from '../safe/store'

const A = '0x1111111111111111111111111111111111111111'
const B = '0x2222222222222222222222222222222222222222'
const C = '0x3333333333333333333333333333333333333333'
const chain = (chainId: number) => ({ chainId, name: `c${chainId}`, rpcUrl: 'http://127.0.0.1:1', isSandbox: false })

describe('several chains and an active Safe in one workspace', () => {
  it('keeps every chain; the active Safe leads its chain and switching moves the active chain', () => {
    const db = openDatabase(':memory:')
    saveChain(db, { ...chain(1), contractNetwork: null })
    insertSafe(db, 1, A, 'a')
    insertSafe(db, 1, B, 'b')
    saveChain(db, { ...chain(10), contractNetwork: null })
    insertSafe(db, 10, C, 'c')
    expect(listChains(db).map((c) => c.chainId)).toEqual([1, 10])
    // The first Safe of the workspace became active; connecting chain 10 (no Safe yet) cleared it, its first Safe took over.
    expect(getActiveSafe(db)).toEqual({ chainId: 10, address: C })
    setActiveSafe(db, 1, B)
    expect(getActiveChain(db)?.chainId).toBe(1)
    expect(listSafes(db, 1).map((s) => s.address)).toEqual([B, A])
    expect(listSafes(db, 10).map((s) => s.address)).toEqual([C])
  })

  it('migration 0010 makes the Safe an older workspace used (first of its active chain) the active one', () => {
    const db = new Database(':memory:')
    const upTo = migrations.findIndex((m) => m.includes('contracts_version'))
    for (const m of migrations.slice(0, upTo)) db.exec(m)
    db.prepare("INSERT INTO chains VALUES (5, 'x', 'http://127.0.0.1:1', 0, NULL, '2026-01-01')").run()
    db.prepare("INSERT INTO safes (chain_id, address, label, added_at) VALUES (5, ?, NULL, '2026-01-02')").run(B)
    db.prepare("INSERT INTO safes (chain_id, address, label, added_at) VALUES (5, ?, NULL, '2026-01-01')").run(A)
    db.prepare("INSERT INTO settings VALUES ('active_chain_id', '5')").run()
    db.exec(migrations[upTo])
    expect(db.prepare("SELECT value FROM settings WHERE key = 'active_safe'").get()).toEqual({ value: `5:${A}` })
  })
})
