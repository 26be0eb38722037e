// A synthetic votes-token history for the holder index, and the plain-BigInt answers about it: the independent side
// of the holder-index metrics tests and the 100,000-holder metrics bench. No chain and none of the app's measures:
// transfers and delegations are drawn from a seeded generator, replayed with Maps, and the concentration measures
// computed from their definitions (Gini as the mean absolute difference, O(n²), so only at test sizes).
// It imports no test framework, so the unit tier and the bench share it.

export interface HistoryShape {
  holders: number
  /** Transfers after each holder's mint. */
  transfers: number
  /** Transfers (and mints) a block. */
  perBlock: number
  /** Share of holders that delegate (to themselves, or every 50th to one of `delegates` big delegates). */
  delegating: number
  delegates: number
  /** A delegation moves (a random delegator to a random holder) after every this many transfers; 997 unless set. */
  moveEvery?: number
  seed?: number
}

export type HistoryEvent =
  | { kind: 'transfer'; block: number; from: string | null; to: string; value: bigint }
  | { kind: 'delegate'; block: number; delegator: string; delegate: string }

export interface SyntheticHistory {
  events: HistoryEvent[]
  firstBlock: number
  lastBlock: number
}

export const accountOf = (i: number) => '0x' + (i + 1).toString(16).padStart(40, '0')
/** Delegating to it takes the votes away (ERC20Votes moves no votes to address 0). */
const ZERO = '0x0000000000000000000000000000000000000000'

/** mulberry32: small, seeded, good enough to spread amounts and accounts. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Mints to every holder (amounts of 13 to 25 digits, every 97th exactly 10^18 so ties occur), delegations, then
 * transfers between random holders (a random part of the sender's balance, every 23rd all of it, so accounts fall
 * back to zero), `perBlock` a block from block 1.
 */
export function syntheticHistory(shape: HistoryShape): SyntheticHistory {
  const rand = random(shape.seed ?? 22)
  const pick = (n: number) => Math.floor(rand() * n)
  const events: HistoryEvent[] = []
  const balances = new Map<string, bigint>()
  let slot = 0
  const block = () => 1 + Math.floor(slot++ / shape.perBlock)
  for (let i = 0; i < shape.holders; i++) {
    const to = accountOf(i)
    const value =
      i % 97 === 0 ? 10n ** 18n : BigInt(1 + pick(999_999)) * 10n ** BigInt(7 + pick(13)) + BigInt(pick(1000))
    balances.set(to, value)
    events.push({ kind: 'transfer', block: block(), from: null, to, value })
  }
  const delegators = Math.floor(shape.holders * shape.delegating)
  for (let i = 0; i < delegators; i++) {
    const delegate = i % 50 === 0 ? accountOf(pick(Math.max(1, shape.delegates))) : accountOf(i)
    events.push({ kind: 'delegate', block: block(), delegator: accountOf(i), delegate })
  }
  for (let t = 0; t < shape.transfers; t++) {
    const from = accountOf(pick(shape.holders))
    const to = accountOf(pick(shape.holders))
    const has = balances.get(from) ?? 0n
    if (has === 0n || from === to) {
      t--
      continue
    }
    const value = t % 23 === 0 ? has : (has * BigInt(1 + pick(1000))) / 1000n
    balances.set(from, has - value)
    balances.set(to, (balances.get(to) ?? 0n) + value)
    events.push({ kind: 'transfer', block: block(), from, to, value })
    // Now and then a holder moves its delegation, so delegations change late in the history too.
    if (t % (shape.moveEvery ?? 997) === 0) {
      const delegator = accountOf(pick(delegators || 1))
      const to = accountOf(pick(shape.holders))
      // With moveEvery set, every fifth move is to address 0 (the delegator's votes go to nobody).
      const delegate = shape.moveEvery && t % (5 * shape.moveEvery) === 0 ? ZERO : to
      events.push({ kind: 'delegate', block: block(), delegator, delegate })
    }
  }
  return { events, firstBlock: 1, lastBlock: events[events.length - 1].block }
}

/** Balances, voting power and delegates after every event of blocks up to `block`, replayed with plain Maps. */
export function stateAt(history: SyntheticHistory, block: number) {
  const balances = new Map<string, bigint>()
  const votes = new Map<string, bigint>()
  const delegateOf = new Map<string, string>()
  const add = (m: Map<string, bigint>, a: string, v: bigint) => m.set(a, (m.get(a) ?? 0n) + v)
  for (const e of history.events) {
    if (e.block > block) break
    if (e.kind === 'transfer') {
      if (e.from) {
        add(balances, e.from, -e.value)
        const d = delegateOf.get(e.from)
        if (d && d !== ZERO) add(votes, d, -e.value)
      }
      add(balances, e.to, e.value)
      const d = delegateOf.get(e.to)
      if (d && d !== ZERO) add(votes, d, e.value)
    } else {
      const was = delegateOf.get(e.delegator)
      const held = balances.get(e.delegator) ?? 0n
      if (was && was !== ZERO) add(votes, was, -held)
      if (e.delegate !== ZERO) add(votes, e.delegate, held)
      delegateOf.set(e.delegator, e.delegate)
    }
  }
  return { balances, votes, delegateOf }
}

/**
 * The index's rows for blocks [from, to]: for each block, the last state of every account it changed (what the
 * sync writes), given the state before `from`. Returns the rows and leaves `state` at the end of `to`.
 */
export function rowsOfBlocks(history: SyntheticHistory, state: ReturnType<typeof stateAt>, from: number, to: number) {
  const balances: Array<[string, number, string]> = []
  const votes: Array<[string, number, string]> = []
  const delegations: Array<[string, number, string]> = []
  const add = (m: Map<string, bigint>, a: string, v: bigint) => m.set(a, (m.get(a) ?? 0n) + v)
  let block = -1
  const touched = new Set<string>()
  const touchedVotes = new Set<string>()
  const delegated = new Map<string, string>()
  const flush = () => {
    for (const a of touched) balances.push([a, block, state.balances.get(a)!.toString()])
    for (const a of touchedVotes) votes.push([a, block, state.votes.get(a)!.toString()])
    for (const [a, d] of delegated) delegations.push([a, block, d])
    touched.clear()
    touchedVotes.clear()
    delegated.clear()
  }
  for (const e of history.events) {
    if (e.block < from) continue
    if (e.block > to) break
    if (e.block !== block) {
      if (block >= 0) flush()
      block = e.block
    }
    const moveVotes = (account: string, v: bigint) => {
      const d = state.delegateOf.get(account)
      if (!d || d === ZERO) return
      add(state.votes, d, v)
      touchedVotes.add(d)
    }
    if (e.kind === 'transfer') {
      if (e.from) {
        add(state.balances, e.from, -e.value)
        touched.add(e.from)
        moveVotes(e.from, -e.value)
      }
      add(state.balances, e.to, e.value)
      touched.add(e.to)
      moveVotes(e.to, e.value)
    } else {
      const held = state.balances.get(e.delegator) ?? 0n
      moveVotes(e.delegator, -held)
      state.delegateOf.set(e.delegator, e.delegate)
      moveVotes(e.delegator, held)
      delegated.set(e.delegator, e.delegate)
    }
  }
  if (block >= 0) flush()
  return { balances, votes, delegations }
}

/** numerator / denominator to six decimals, rounded half up, by decimal long division (no app code). */
function sixDecimals(numerator: bigint, denominator: bigint): string {
  const scaled = (numerator * 2_000_000n + denominator) / (2n * denominator)
  return `${scaled / 1_000_000n}.${(scaled % 1_000_000n).toString().padStart(6, '0')}`
}

/**
 * Top-10 share, Gini (mean absolute difference over twice the mean: Σᵢ Σⱼ |xᵢ − xⱼ| / (2·n·Σx)), Nakamoto
 * coefficient and the ten largest (ties by account) of the positive amounts, from the definitions. Past 3,000
 * amounts the O(n²) Gini is too slow: then its ranked form Σ (2i − n − 1)·xᵢ over ascending positions i (equal).
 */
export function measuresOf(amounts: Map<string, bigint>) {
  const positive = [...amounts].filter(([, x]) => x > 0n)
  positive.sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x > y ? -1 : 1))
  const total = positive.reduce((s, [, x]) => s + x, 0n)
  const n = positive.length
  if (n === 0) return { holders: 0, total: '0', top10Share: null, gini: null, nakamoto: null, top: [] }
  let differences = 0n
  if (n <= 3_000) for (const [, x] of positive) for (const [, y] of positive) differences += x > y ? x - y : y - x
  else positive.forEach(([, x], j) => (differences += 2n * (BigInt(n - j) * 2n - BigInt(n) - 1n) * x))
  let running = 0n
  let nakamoto = 0
  while (running * 2n <= total) running += positive[nakamoto++][1]
  return {
    holders: n,
    total: total.toString(),
    top10Share: sixDecimals(
      positive.slice(0, 10).reduce((s, [, x]) => s + x, 0n),
      total,
    ),
    gini: sixDecimals(differences, 2n * BigInt(n) * total),
    nakamoto,
    top: positive.slice(0, 10).map(([account, amount]) => ({ account, amount: amount.toString() })),
  }
}

/** A log as eth_getLogs answers it (the fields the holder index reads). */
export interface HistoryLog {
  address: string
  topics: string[]
  data: string
  blockNumber: string
  logIndex: string
}

const TOPIC_TRANSFER = '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'
const TOPIC_DELEGATE_CHANGED = '0x3134e8a2e6d97e929a7e54011ea5485d7d196dd5f0ba4d4ef95803e8e3fc257f'
const TOPIC_DELEGATE_VOTES_CHANGED = '0xdec2bacdd2f05b59de34da9b523dff8be42e5e38e818c82fdb0bae774387a724'
const word = (v: bigint) => v.toString(16).padStart(64, '0')
const topicOf = (account: string) => '0x' + account.slice(2).padStart(64, '0')

/**
 * The logs an OpenZeppelin ERC20Votes token emits for `history`, in its order: Transfer, then DelegateVotesChanged
 * of the sender's delegate and the receiver's; DelegateChanged, then DelegateVotesChanged of the old delegate and the
 * new. The event topics are the keccak-256 of the signatures, written out (no app code).
 */
export function logsOf(history: SyntheticHistory, token: string): HistoryLog[] {
  const balances = new Map<string, bigint>()
  const votes = new Map<string, bigint>()
  const delegateOf = new Map<string, string>()
  const logs: HistoryLog[] = []
  let block = -1
  let index = 0
  const emit = (b: number, topics: string[], data: string) => {
    if (b !== block) {
      block = b
      index = 0
    }
    logs.push({
      address: token,
      topics,
      data,
      blockNumber: '0x' + b.toString(16),
      logIndex: '0x' + (index++).toString(16),
    })
  }
  const moveVotes = (b: number, from: string | undefined, to: string | undefined, amount: bigint) => {
    if (from === to || amount === 0n) return
    for (const [d, sign] of [
      [from, -1n],
      [to, 1n],
    ] as const) {
      if (!d || d === ZERO) continue
      const was = votes.get(d) ?? 0n
      votes.set(d, was + sign * amount)
      emit(b, [TOPIC_DELEGATE_VOTES_CHANGED, topicOf(d)], '0x' + word(was) + word(was + sign * amount))
    }
  }
  for (const e of history.events) {
    if (e.kind === 'transfer') {
      const from = e.from ?? ZERO
      if (e.from) balances.set(e.from, balances.get(e.from)! - e.value)
      balances.set(e.to, (balances.get(e.to) ?? 0n) + e.value)
      emit(e.block, [TOPIC_TRANSFER, topicOf(from), topicOf(e.to)], '0x' + word(e.value))
      moveVotes(e.block, e.from ? delegateOf.get(e.from) : undefined, delegateOf.get(e.to), e.value)
    } else {
      const was = delegateOf.get(e.delegator) ?? ZERO
      delegateOf.set(e.delegator, e.delegate)
      emit(e.block, [TOPIC_DELEGATE_CHANGED, topicOf(e.delegator), topicOf(was), topicOf(e.delegate)], '0x')
      moveVotes(e.block, was, e.delegate, balances.get(e.delegator) ?? 0n)
    }
  }
  return logs
}
