import {
  AbiCoder,
  Interface,
  ZeroAddress,
  dataSlice,
  getAddress,
  isCallException,
  toBigInt,
  type JsonRpcProvider,
  type Log,
  type Signer,
  type TransactionReceipt,
} from 'ethers'
import type { ChainRecord } from '../chain/store'
import { chainContracts } from '../chain/deployments'
import { approvedHashSignature, packSignatures, type SafeTx } from '../signing/safe-tx'
import type { ProposalExecution, SimulationResult } from '../../../shared/contract/proposals'
import { safeIface, simulateAccessorIface } from './abi'
import { FAILURE_TOPIC, SUCCESS_TOPIC, executionEvent } from '../safe/execution-events'
import type { StoredSignature } from './store'

/** Safe's terse require codes (v1.3/1.4.1), in words a signer can act on. */
const SAFE_ERRORS: Record<string, string> = {
  GS000: 'could not finish initialization',
  GS010: 'not enough gas to execute the Safe transaction',
  GS011: 'could not pay gas costs with ether',
  GS012: 'could not pay gas costs with token',
  GS013: 'the Safe transaction itself failed (with safeTxGas and gasPrice 0 the whole call reverts)',
  GS020: 'signatures data too short',
  GS021: 'invalid contract signature location: inside static part',
  GS022: 'invalid contract signature location: length not present',
  GS023: 'invalid contract signature location: data not complete',
  GS024: 'invalid contract signature provided',
  GS025: 'hash has not been approved on chain by that owner',
  GS026: 'invalid owner provided: a signature is not by a current owner, or signatures are not sorted by owner',
  GS030: 'only owners can approve a hash',
  GS031: 'method can only be called from this contract',
  GS201: 'threshold cannot exceed owner count',
  GS202: 'threshold needs to be greater than 0',
  GS203: 'invalid owner address provided',
  GS204: 'address is already an owner',
  GS205: 'invalid prevOwner, owner pair provided (the owner list changed since this was proposed)',
}

const PANICS: Record<number, string> = {
  0x01: 'assertion failed',
  0x11: 'arithmetic overflow or underflow',
  0x12: 'division by zero',
  0x21: 'invalid enum value',
  0x31: 'pop on empty array',
  0x32: 'array index out of bounds',
  0x41: 'out of memory',
  0x51: 'call to an uninitialised function',
}

const builtins = new Interface(['error Error(string)', 'error Panic(uint256)'])

/** Revert data → a sentence: Error(string) (with Safe's GS codes spelled out), Panic(code), or the raw selector. */
export function decodeRevert(data: string | null | undefined): string {
  if (!data || data === '0x') return 'reverted without a reason'
  try {
    const parsed = builtins.parseError(data)
    if (parsed?.name === 'Error') {
      const reason = String(parsed.args[0])
      return SAFE_ERRORS[reason] ? `${reason}: ${SAFE_ERRORS[reason]}` : reason
    }
    if (parsed?.name === 'Panic') {
      const code = Number(parsed.args[0])
      return `panic 0x${code.toString(16)}: ${PANICS[code] ?? 'unknown panic'}`
    }
  } catch {
    // not a built-in error: fall through
  }
  return `reverted with custom error ${data.slice(0, 10)}${data.length > 10 ? ` (${(data.length - 10) / 2} bytes of data)` : ''}`
}

function revertData(error: unknown): string | null {
  if (isCallException(error)) return error.data ?? null
  const e = error as { data?: unknown; info?: { error?: { data?: unknown } }; error?: { data?: unknown } }
  for (const candidate of [e?.data, e?.info?.error?.data, e?.error?.data])
    if (typeof candidate === 'string' && candidate.startsWith('0x')) return candidate
  return null
}

/**
 * Runs the transaction's effect inside the Safe through SimulateTxAccessor (StorageAccessible.simulateAndRevert):
 * no signatures needed, the inner revert reason comes back whole.
 */
export async function simulateEffect(
  provider: JsonRpcProvider,
  chain: ChainRecord,
  safe: string,
  tx: SafeTx,
): Promise<{ success: boolean; gasUsed: string; revertReason: string | null; blockNumber: number }> {
  const accessor = chainContracts(chain).simulateTxAccessorAddress
  const payload = simulateAccessorIface.encodeFunctionData('simulate', [tx.to, tx.value, tx.data, tx.operation])
  const data = safeIface.encodeFunctionData('simulateAndRevert', [accessor, payload])
  const blockNumber = await provider.getBlockNumber()
  let raw: string | null = null
  try {
    await provider.call({ to: safe, data, blockTag: blockNumber })
    throw new Error('simulateAndRevert returned instead of reverting: is this a Safe?')
  } catch (error) {
    raw = revertData(error)
    if (!raw) throw error
  }
  // revert data = delegatecall success (32 bytes) ‖ returndatasize (32) ‖ abi.encode(estimate, success, returnData)
  const delegateOk = toBigInt(dataSlice(raw, 0, 32)) === 1n
  if (!delegateOk) return { success: false, gasUsed: '0', revertReason: 'the simulation accessor failed', blockNumber }
  const [estimate, success, returnData] = AbiCoder.defaultAbiCoder().decode(
    ['uint256', 'bool', 'bytes'],
    dataSlice(raw, 64),
  ) as unknown as [bigint, boolean, string]
  return {
    success,
    gasUsed: estimate.toString(),
    revertReason: success ? null : decodeRevert(returnData),
    blockNumber,
  }
}

/** The signatures Safe will get: owners' only, sorted; plus the executor's own approval when it is an owner. */
export function signaturesFor(
  stored: StoredSignature[],
  owners: string[],
  threshold: number,
  executor: string | null,
): { packed: string; count: number; usesExecutorApproval: boolean } {
  const valid = stored.filter((s) => owners.includes(s.signer)).map((s) => ({ signer: s.signer, data: s.signature }))
  let usesExecutorApproval = false
  if (
    executor &&
    valid.length < threshold &&
    owners.includes(getAddress(executor)) &&
    !valid.some((s) => s.signer === getAddress(executor))
  ) {
    // Safe accepts v = 1 for msg.sender == owner without an approveHash call: executing is approving.
    valid.push({ signer: getAddress(executor), data: approvedHashSignature(executor) })
    usesExecutorApproval = true
  }
  return { packed: valid.length ? packSignatures(valid) : '0x', count: valid.length, usesExecutorApproval }
}

export function execTransactionData(tx: SafeTx, signatures: string): string {
  return safeIface.encodeFunctionData('execTransaction', [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    signatures,
  ])
}

/**
 * Both checks: the effect (always), then execTransaction from the executor with the signatures in hand (when there
 * are enough), by eth_call: the same code path the real execution takes, with no gas spent.
 */
export async function simulateProposal(
  provider: JsonRpcProvider,
  chain: ChainRecord,
  safe: string,
  tx: SafeTx,
  stored: StoredSignature[],
  owners: string[],
  threshold: number,
  executor: string | null,
): Promise<SimulationResult> {
  const effect = await simulateEffect(provider, chain, safe, tx)
  const sigs = signaturesFor(stored, owners, threshold, executor)
  const execution: SimulationResult['execution'] = {
    checked: false,
    success: false,
    executor,
    revertReason: null,
    gasEstimate: null,
    note: null,
  }
  if (sigs.count < threshold) {
    execution.note = `${sigs.count} of ${threshold} signatures: execution is checked once enough are in`
  } else {
    execution.checked = true
    const from = executor ?? ZeroAddress
    const data = execTransactionData(tx, sigs.packed)
    try {
      await provider.call({ from, to: safe, data, blockTag: effect.blockNumber })
      execution.success = true
      try {
        execution.gasEstimate = (await provider.estimateGas({ from, to: safe, data })).toString()
      } catch {
        execution.note = 'gas could not be estimated'
      }
    } catch (error) {
      const raw = revertData(error)
      if (raw === null && !isCallException(error)) throw error
      execution.revertReason = decodeRevert(raw)
    }
    if (!executor) execution.note = 'checked without an executor: the executing account still needs gas'
    if (sigs.usesExecutorApproval) execution.note = 'the executor, an owner, approves by executing'
  }
  return {
    at: new Date().toISOString(),
    blockNumber: effect.blockNumber,
    call: { success: effect.success, gasUsed: effect.gasUsed, revertReason: effect.revertReason },
    execution,
    ok: effect.success && (!execution.checked || execution.success),
  }
}

export class ExecutionRefused extends Error {
  constructor(
    message: string,
    readonly simulation: SimulationResult | null,
  ) {
    super(message)
  }
}

export { executionEvent }

/** ExecutionSuccess / ExecutionFailure for `hash` among a receipt's logs of the Safe. */
export function executionOutcome(
  receipt: TransactionReceipt,
  safe: string,
  hash: string,
): 'success' | 'execution_failure' | null {
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== getAddress(safe)) continue
    const event = executionEvent(log)
    if (event && event.hash === hash.toLowerCase()) return event.outcome
  }
  return null
}

/**
 * Executes with a paying signer (an unlocked key connected to the chain, or the sandbox node's account): simulates
 * first and refuses a transaction that would revert, then sends execTransaction and reads the outcome from the
 * receipt's events.
 */
export async function executeOnChain(
  provider: JsonRpcProvider,
  chain: ChainRecord,
  safe: string,
  tx: SafeTx,
  hash: string,
  stored: StoredSignature[],
  owners: string[],
  threshold: number,
  signer: Signer,
): Promise<{ execution: ProposalExecution; simulation: SimulationResult }> {
  const executor = getAddress(await signer.getAddress())
  const simulation = await simulateProposal(provider, chain, safe, tx, stored, owners, threshold, executor)
  if (!simulation.execution.checked)
    throw new ExecutionRefused(`Not enough signatures: ${simulation.execution.note}.`, simulation)
  if (!simulation.ok)
    throw new ExecutionRefused(
      `The simulation fails, so nothing was sent: ${simulation.call.revertReason ?? simulation.execution.revertReason}`,
      simulation,
    )
  const { packed } = signaturesFor(stored, owners, threshold, executor)
  const data = execTransactionData(tx, packed)
  const estimate =
    BigInt(simulation.execution.gasEstimate ?? '0') || (await provider.estimateGas({ from: executor, to: safe, data }))
  // Headroom over the estimate: Safe checks gasleft() against safeTxGas with the 63/64 rule.
  const sent = await signer.sendTransaction({ to: safe, data, gasLimit: (estimate * 12n) / 10n + 10_000n })
  let receipt: TransactionReceipt | null
  try {
    receipt = await sent.wait()
  } catch (error) {
    receipt = (error as { receipt?: TransactionReceipt }).receipt ?? null
    if (!receipt) throw error
  }
  if (!receipt) throw new Error(`no receipt for ${sent.hash}`)
  const outcome = receipt.status === 1 ? executionOutcome(receipt, safe, hash) : null
  return {
    simulation,
    execution: {
      txHash: sent.hash,
      blockNumber: receipt.blockNumber,
      gasUsed: receipt.gasUsed.toString(),
      outcome: outcome ?? 'reverted',
      executor,
      origin: 'app',
      at: new Date().toISOString(),
    },
  }
}

export interface ChainExecution {
  txHash: string
  blockNumber: number
  gasUsed: string | null
  executor: string | null
  outcome: 'success' | 'execution_failure'
}

/** ExecutionSuccess/ExecutionFailure events of a Safe since `fromBlock`, by safeTxHash. */
export async function readExecutions(
  provider: JsonRpcProvider,
  safe: string,
  fromBlock: number,
  /** When the whole range is refused (public RPCs cap eth_getLogs), scan back from the head until these are found. */
  wanted: Set<string> = new Set(),
  window = 5_000,
  maxWindows = 40,
): Promise<{ byHash: Map<string, ChainExecution>; toBlock: number }> {
  const toBlock = await provider.getBlockNumber()
  const filter = { address: safe, topics: [[SUCCESS_TOPIC, FAILURE_TOPIC]] }
  let logs: Log[]
  try {
    logs = await provider.getLogs({ ...filter, fromBlock, toBlock })
  } catch {
    logs = []
    const found = new Set<string>()
    for (let end = toBlock, n = 0; end >= fromBlock && n < maxWindows; end -= window, n++) {
      const chunk = await provider.getLogs({
        ...filter,
        fromBlock: Math.max(fromBlock, end - window + 1),
        toBlock: end,
      })
      logs.push(...chunk)
      for (const log of chunk) {
        const event = executionEvent(log)
        if (event) found.add(event.hash)
      }
      if ([...wanted].every((h) => found.has(h))) break
    }
  }
  const byHash = new Map<string, ChainExecution>()
  for (const log of logs) {
    const event = executionEvent(log)
    if (!event) continue
    const receipt = await provider.getTransactionReceipt(log.transactionHash)
    byHash.set(event.hash, {
      txHash: log.transactionHash,
      blockNumber: log.blockNumber,
      gasUsed: receipt ? receipt.gasUsed.toString() : null,
      executor: receipt ? getAddress(receipt.from) : null,
      outcome: event.outcome,
    })
  }
  return { byHash, toBlock }
}

/** approveHash approvals on chain: which of `owners` approved `hash`. */
export async function readApprovals(
  provider: JsonRpcProvider,
  safe: string,
  hash: string,
  owners: string[],
): Promise<string[]> {
  const results = await Promise.all(
    owners.map(async (owner) => {
      const raw = await provider.call({ to: safe, data: safeIface.encodeFunctionData('approvedHashes', [owner, hash]) })
      return toBigInt(raw) !== 0n ? owner : null
    }),
  )
  return results.filter((o): o is string => o !== null)
}

export async function readSafeNonce(provider: JsonRpcProvider, safe: string): Promise<number> {
  return Number(toBigInt(await provider.call({ to: safe, data: safeIface.encodeFunctionData('nonce') })))
}
