// What a Governor proposal will do, in words, and how long until its next step.
import { plainSafeTx } from '../signing/safe-tx'
import { decodeSafeTx, type DecodeEnv } from '../signing/decode'
import type { GovernorActionView, GovernorTimeLeft } from '../../../shared/contract/governor'
import type { GovernorProposalState } from './abi'
import { unwrapSafeModule, type GovernorAction } from './proposal-id'

export function describeAction(
  action: GovernorAction,
  module: string | null,
  env: DecodeEnv | null,
): GovernorActionView {
  const inner = unwrapSafeModule(module, action)
  const base = { target: action.target, value: action.value.toString(), calldata: action.calldata }
  if (inner && env) {
    const tx = plainSafeTx({
      to: inner.to,
      value: inner.value.toString(),
      data: inner.data as `0x${string}`,
      operation: 0,
      nonce: '0',
    })
    const decoded = decodeSafeTx(tx, env).calls[0]
    return { ...base, bySafe: decoded, text: `The Safe ${env.safe}: ${decoded.text}` }
  }
  const selector = action.calldata.slice(0, 10)
  return {
    ...base,
    bySafe: null,
    text: `The timelock calls ${action.target}${action.value > 0n ? ` with ${action.value} wei` : ''} (${action.calldata === '0x' ? 'no data' : `selector ${selector}`})`,
  }
}

/**
 * Voting is counted in the Governor's clock (blocks or seconds); the timelock always counts seconds. A proposal is
 * open for votes after its snapshot (OpenZeppelin: state Active when clock > snapshot) until its deadline included.
 */
export function timeLeft(
  state: GovernorProposalState,
  p: { snapshot: bigint; deadline: bigint; eta: bigint },
  now: { clock: bigint; timestamp: bigint },
  clockUnit: 'blocks' | 'seconds',
): GovernorTimeLeft {
  const left = (x: bigint) => (x > 0n ? x : 0n).toString()
  if (state === 'Pending')
    return { phase: 'until voting starts', amount: left(p.snapshot + 1n - now.clock), unit: clockUnit }
  if (state === 'Active')
    return { phase: 'until voting ends', amount: left(p.deadline + 1n - now.clock), unit: clockUnit }
  if (state === 'Queued') return { phase: 'until executable', amount: left(p.eta - now.timestamp), unit: 'seconds' }
  return { phase: 'none', amount: '0', unit: 'seconds' }
}

export function nextStep(state: GovernorProposalState, p: { eta: bigint }, now: { timestamp: bigint }) {
  if (state === 'Active') return 'vote' as const
  if (state === 'Succeeded') return 'queue' as const
  // The next block is at least one second later than the latest: executable once its time reaches the ETA.
  if (state === 'Queued' && now.timestamp + 1n >= p.eta) return 'execute' as const
  return null
}
