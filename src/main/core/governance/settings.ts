import type { Db } from '../db/open'
import { DEFAULT_RULES, PROPOSAL_KINDS, type ProposalKind, type TypeRules } from './types'

const key = (kind: ProposalKind) => `governance.rules.${kind}`

/** Limits that keep a rule meaningful; checked by the API schema and again here, at the core's door. */
export const RULE_LIMITS = {
  votingDelayBlocks: { min: 1, max: 10_000_000 },
  votingPeriodBlocks: { min: 1, max: 10_000_000 },
  quorumBps: { min: 0, max: 10_000 },
  passThresholdBps: { min: 0, max: 9_999 },
  timelockSeconds: { min: 0, max: 365 * 86_400 },
  gracePeriodSeconds: { min: 60, max: 365 * 86_400 },
} as const satisfies Record<keyof TypeRules, { min: number; max: number }>

export function checkRules(rules: TypeRules): void {
  for (const [name, { min, max }] of Object.entries(RULE_LIMITS) as Array<
    [keyof TypeRules, { min: number; max: number }]
  >) {
    const value = rules[name]
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${value}`)
  }
}

export function getRules(db: Db, kind: ProposalKind): TypeRules {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key(kind)) as { value: string } | undefined
  return row ? { ...DEFAULT_RULES[kind], ...(JSON.parse(row.value) as Partial<TypeRules>) } : { ...DEFAULT_RULES[kind] }
}

export function allRules(db: Db): Record<ProposalKind, TypeRules> {
  return Object.fromEntries(PROPOSAL_KINDS.map((kind) => [kind, getRules(db, kind)])) as Record<ProposalKind, TypeRules>
}

/** Call inside a mutation. Proposals already created keep the rules they were created with. */
export function setRules(db: Db, kind: ProposalKind, rules: TypeRules): void {
  checkRules(rules)
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key(kind), JSON.stringify(rules))
}

// ---- the governance token (issue 15): a setting the user chooses, with the token's ERC-6372 clock ----

export type ClockMode = 'blocknumber' | 'timestamp'

export const governanceTokenKey = (chainId: number) => `governance.token.${chainId}`
const clockModeKey = (chainId: number) => `governance.clockmode.${chainId}`

/** The address chosen as the governance token of a chain, or null while none is chosen (no fallback). */
export function governanceTokenAddress(db: Db, chainId: number): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(governanceTokenKey(chainId)) as
    { value: string } | undefined
  return row?.value ?? null
}

export function governanceClockMode(db: Db, chainId: number): ClockMode {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(clockModeKey(chainId)) as
    { value: string } | undefined
  return row?.value === 'timestamp' ? 'timestamp' : 'blocknumber'
}

/** Call inside a mutation, after readVotesClock accepted the token. */
export function setGovernanceToken(db: Db, chainId: number, address: string, mode: ClockMode): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  upsert.run(governanceTokenKey(chainId), address)
  upsert.run(clockModeKey(chainId), mode)
}
