import { Interface, getAddress, getBytes, hexlify, solidityPacked, toBigInt, ZeroAddress } from 'ethers'
import { plainSafeTx, safeTxHash, type SafeTx } from '../signing/safe-tx'
import type { ChainClock } from './state'
import type { ProposalRecord } from './store'
import type { ProposalState } from './types'

/**
 * Treasury spending → Safe proposal. A Succeeded treasury-spending proposal that was queued and whose timelock has
 * run out is ready to draft its Safe proposal; `spendingDraftFor` gives the calls that Safe proposal must carry
 * (protocol-kit MetaTransactionData), and `spendingSafeTx` the SafeTx for a given Safe nonce. A link to a SafeTx is
 * accepted only when that SafeTx does exactly these calls (`matchesSpending`), and the proposal shows Executed when
 * the Safe emits ExecutionSuccess for the linked hash.
 */
export interface SpendingCall {
  to: string
  value: string
  data: string
  operation: 0
}

export interface SpendingDraft {
  governanceProposalId: string
  safe: string
  title: string
  description: string
  transactions: SpendingCall[]
}

const erc20 = new Interface(['function transfer(address to, uint256 amount) returns (bool)'])
const multiSendIface = new Interface(['function multiSend(bytes transactions)'])

export type DraftReadiness = { ready: true } | { ready: false; reason: string }

export function draftReadiness(
  p: ProposalRecord,
  state: ProposalState,
  now: ChainClock,
  openDisputes: number,
): DraftReadiness {
  if (p.kind !== 'treasury_spending' || !p.spending) return { ready: false, reason: 'not a treasury-spending proposal' }
  if (p.safeLink) return { ready: false, reason: `its Safe transaction is already drafted (${p.safeLink.safeTxHash})` }
  if (openDisputes > 0)
    return { ready: false, reason: `an open dispute blocks it (${openDisputes} open); the council must resolve it` }
  if (state !== 'Queued')
    return { ready: false, reason: `it is ${state}; only a queued proposal whose timelock has passed can be drafted` }
  if (p.eta === null || now.timestamp < p.eta)
    return { ready: false, reason: `its timelock runs until ${new Date((p.eta ?? 0) * 1000).toISOString()}` }
  return { ready: true }
}

export function spendingCalls(p: ProposalRecord): SpendingCall[] {
  if (!p.spending) return []
  return p.spending.transfers.map((t) =>
    t.token === null
      ? { to: t.recipient, value: t.amount.toString(), data: '0x', operation: 0 as const }
      : {
          to: t.token,
          value: '0',
          data: erc20.encodeFunctionData('transfer', [t.recipient, t.amount]),
          operation: 0 as const,
        },
  )
}

/** What the proposals core creates as the Safe proposal of a passed spending proposal. Throws when not ready. */
export function spendingDraftFor(
  p: ProposalRecord,
  state: ProposalState,
  now: ChainClock,
  openDisputes: number,
): SpendingDraft {
  const readiness = draftReadiness(p, state, now, openDisputes)
  if (!readiness.ready) throw new Error(`The Safe proposal cannot be drafted: ${readiness.reason}.`)
  return {
    governanceProposalId: p.id,
    safe: p.spending!.safe,
    title: `Governance: ${p.title}`,
    description: `Carries out governance proposal ${p.id} (treasury spending), passed and past its timelock.`,
    transactions: spendingCalls(p),
  }
}

function packMultiSend(calls: SpendingCall[]): string {
  return hexlify(
    getBytes(
      '0x' +
        calls
          .map((c) =>
            solidityPacked(
              ['uint8', 'address', 'uint256', 'uint256', 'bytes'],
              [c.operation, c.to, c.value, getBytes(c.data).length, c.data],
            ).slice(2),
          )
          .join(''),
    ),
  )
}

function unpackMultiSend(data: string): SpendingCall[] | null {
  const bytes = getBytes(data)
  const calls: SpendingCall[] = []
  let i = 0
  while (i < bytes.length) {
    if (i + 85 > bytes.length) return null
    const operation = bytes[i]
    const to = getAddress(hexlify(bytes.subarray(i + 1, i + 21)))
    const value = toBigInt(bytes.subarray(i + 21, i + 53))
    const length = Number(toBigInt(bytes.subarray(i + 53, i + 85)))
    if (operation !== 0 || i + 85 + length > bytes.length) return null
    calls.push({ to, value: value.toString(), data: hexlify(bytes.subarray(i + 85, i + 85 + length)), operation: 0 })
    i += 85 + length
  }
  return calls
}

/** The SafeTx carrying a draft at `nonce`: a plain call for one transfer, MultiSendCallOnly for several. */
export function spendingSafeTx(draft: SpendingDraft, nonce: number, multiSendCallOnly: string): SafeTx {
  const [only] = draft.transactions
  if (draft.transactions.length === 1)
    return plainSafeTx({
      to: only.to,
      value: only.value,
      data: only.data as SafeTx['data'],
      operation: 0,
      nonce: String(nonce),
    })
  return plainSafeTx({
    to: getAddress(multiSendCallOnly),
    value: '0',
    data: multiSendIface.encodeFunctionData('multiSend', [packMultiSend(draft.transactions)]) as SafeTx['data'],
    operation: 1,
    nonce: String(nonce),
  })
}

const sameCall = (a: SpendingCall, b: SpendingCall) =>
  getAddress(a.to) === getAddress(b.to) &&
  BigInt(a.value) === BigInt(b.value) &&
  a.data.toLowerCase() === b.data.toLowerCase()

/**
 * Whether `tx` does exactly the approved calls, in order, and nothing else: one direct call, or a batch through one
 * of the chain's MultiSend contracts. Refunds (gasPrice > 0) would pay someone from the treasury: refused.
 */
export function matchesSpending(
  tx: SafeTx,
  calls: SpendingCall[],
  multiSend: { multiSend?: string; multiSendCallOnly?: string },
): { ok: true } | { ok: false; reason: string } {
  if (BigInt(tx.gasPrice) !== 0n || tx.gasToken !== ZeroAddress || tx.refundReceiver !== ZeroAddress)
    return { ok: false, reason: 'the Safe transaction pays a gas refund, which the vote did not approve' }
  if (calls.length === 1 && tx.operation === 0) {
    return sameCall({ to: tx.to, value: tx.value, data: tx.data, operation: 0 }, calls[0])
      ? { ok: true }
      : { ok: false, reason: 'the Safe transaction does not make the approved transfer' }
  }
  const batchers = [multiSend.multiSend, multiSend.multiSendCallOnly].filter(Boolean).map((a) => getAddress(a!))
  if (tx.operation !== 1 || !batchers.includes(getAddress(tx.to)) || BigInt(tx.value) !== 0n)
    return {
      ok: false,
      reason: "the Safe transaction is neither the approved call nor a batch through the chain's MultiSend",
    }
  let inner: SpendingCall[] | null = null
  try {
    const decoded = multiSendIface.decodeFunctionData('multiSend', tx.data)
    inner = unpackMultiSend(decoded[0] as string)
  } catch {
    inner = null
  }
  if (!inner) return { ok: false, reason: 'the batch could not be decoded' }
  if (inner.length !== calls.length || inner.some((c, i) => !sameCall(c, calls[i])))
    return { ok: false, reason: 'the batch does not make exactly the approved transfers, in order' }
  return { ok: true }
}

export { safeTxHash }
