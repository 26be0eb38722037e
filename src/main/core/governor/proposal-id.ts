import { AbiCoder, getAddress, id, keccak256 } from 'ethers'
import { moduleIface } from './abi'

/** One action of a Governor proposal: the timelock calls `target` with `value` and `calldata`. */
export interface GovernorAction {
  target: string
  value: bigint
  calldata: string
}

/** keccak256 of the description's UTF-8 bytes: what queue, execute and cancel take instead of the text. */
export const descriptionHash = (description: string): string => id(description)

/** Governor.hashProposal, computed locally: keccak256(abi.encode(targets, values, calldatas, descriptionHash)). */
export function hashProposal(actions: GovernorAction[], description: string): bigint {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ['address[]', 'uint256[]', 'bytes[]', 'bytes32'],
    [
      actions.map((a) => a.target),
      actions.map((a) => a.value),
      actions.map((a) => a.calldata),
      descriptionHash(description),
    ],
  )
  return BigInt(keccak256(encoded))
}

/** A call the Safe itself makes, wrapped so the timelock asks the module to make it (the Safe pays). */
export function viaSafeModule(module: string, call: { to: string; value: bigint; data: string }): GovernorAction {
  return {
    target: getAddress(module),
    value: 0n,
    calldata: moduleIface.encodeFunctionData('exec', [getAddress(call.to), call.value, call.data]),
  }
}

/** The call a module action makes on the Safe's behalf, or null when the action is not one. */
export function unwrapSafeModule(module: string | null, action: GovernorAction) {
  if (!module || getAddress(action.target) !== getAddress(module)) return null
  try {
    const parsed = moduleIface.decodeFunctionData('exec', action.calldata)
    return { to: getAddress(parsed[0] as string), value: parsed[1] as bigint, data: parsed[2] as string }
  } catch {
    return null
  }
}

export function splitActions(actions: GovernorAction[]) {
  return {
    targets: actions.map((a) => a.target),
    values: actions.map((a) => a.value),
    calldatas: actions.map((a) => a.calldata),
  }
}
