import { AbiCoder, getAddress, getBytes, hexlify } from 'ethers'
import type { SafeTx } from '../signing/safe-tx'
import { buildCall, buildRejection, outflowsOf, type BuildContext, type BuiltProposal } from '../proposals/build'
import { multiSendIface } from '../proposals/abi'
import type { ProposalKind, ProposalPartInput } from '../../../shared/contract/proposals'

export class NotAdoptable extends Error {}

/**
 * The queue's reading of a transaction someone else built: its calls decoded from its bytes alone (never from the
 * service's `dataDecoded`). A delegatecall is taken only into this chain's known MultiSend contracts, with plain
 * calls inside: anything else could do whatever it likes with the Safe and is refused.
 */
export function readServiceTransaction(safeTx: SafeTx, safe: string, ctx: BuildContext): BuiltProposal {
  const tx = { to: safeTx.to, value: safeTx.value, data: safeTx.data, operation: safeTx.operation }
  if (safeTx.operation === 0) {
    if (getAddress(safeTx.to) === getAddress(safe) && BigInt(safeTx.value) === 0n && safeTx.data === '0x')
      return { ...buildRejection(safe, Number(safeTx.nonce)), tx }
    const call = buildCall(rawPart(safeTx.to, BigInt(safeTx.value), safeTx.data), ctx, 'transaction')
    const actions = [call.action]
    return {
      kind: call.action.type as ProposalKind,
      tx,
      actions,
      outflows: outflowsOf(actions, { safe, native: ctx.native, tokens: ctx.tokens }),
      multiSend: null,
    }
  }
  const target = safeTx.to.toLowerCase()
  if (target !== ctx.multiSend.toLowerCase() && target !== ctx.multiSendCallOnly.toLowerCase())
    throw new NotAdoptable(
      `it is a delegatecall into ${safeTx.to}, which is not this chain's MultiSend: it could change the Safe itself`,
    )
  if (BigInt(safeTx.value) !== 0n) throw new NotAdoptable('a MultiSend delegatecall carries value')
  let packed: string
  try {
    ;[packed] = multiSendIface.decodeFunctionData('multiSend', safeTx.data) as unknown as [string]
  } catch {
    throw new NotAdoptable('its data is not a multiSend(bytes) call')
  }
  const calls = unpackMultiSend(packed)
  if (calls.length === 0) throw new NotAdoptable('the batch is empty')
  const actions = calls.map((c, i) => {
    if (c.operation !== 0) throw new NotAdoptable(`part ${i + 1} of the batch is a delegatecall`)
    return buildCall(rawPart(c.to, c.value, c.data), ctx, `parts[${i}]`).action
  })
  return {
    kind: 'batch',
    tx,
    actions,
    outflows: outflowsOf(actions, { safe, native: ctx.native, tokens: ctx.tokens }),
    multiSend: getAddress(safeTx.to),
  }
}

function rawPart(to: string, value: bigint, data: string): ProposalPartInput {
  return { type: 'contract_call', to: getAddress(to), value: value.toString(), data } as ProposalPartInput
}

/** MultiSend's packed encoding: operation (1 byte) ‖ to (20) ‖ value (32) ‖ data length (32) ‖ data, repeated. */
export function unpackMultiSend(packed: string): Array<{ operation: number; to: string; value: bigint; data: string }> {
  const bytes = getBytes(packed)
  const out: Array<{ operation: number; to: string; value: bigint; data: string }> = []
  let i = 0
  while (i < bytes.length) {
    if (i + 85 > bytes.length) throw new NotAdoptable('the batch is cut short')
    const operation = bytes[i]
    const to = getAddress(hexlify(bytes.slice(i + 1, i + 21)))
    const [value, length] = AbiCoder.defaultAbiCoder().decode(
      ['uint256', 'uint256'],
      bytes.slice(i + 21, i + 85),
    ) as unknown as [bigint, bigint]
    const end = i + 85 + Number(length)
    if (length > BigInt(bytes.length) || end > bytes.length) throw new NotAdoptable('the batch is cut short')
    out.push({ operation, to, value, data: hexlify(bytes.slice(i + 85, end)) })
    i = end
  }
  return out
}
