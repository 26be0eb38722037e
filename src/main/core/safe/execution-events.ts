import { dataSlice, id } from 'ethers'

// The same event signatures in Safe 1.3.0 and 1.4.x, so topic0 is the same for both versions.
export const SUCCESS_TOPIC = id('ExecutionSuccess(bytes32,uint256)')
export const FAILURE_TOPIC = id('ExecutionFailure(bytes32,uint256)')

/**
 * An ExecutionSuccess/ExecutionFailure log → its safeTxHash. Safe 1.4.x indexes txHash (it is a topic), 1.3.0 does
 * not (it is the first data word). Lives with the Safe, below proposals, disbursements and governance, which all
 * read executions.
 */
export function executionEvent(log: {
  topics: readonly string[]
  data: string
}): { hash: string; outcome: 'success' | 'execution_failure' } | null {
  const topic = log.topics[0]
  if (topic !== SUCCESS_TOPIC && topic !== FAILURE_TOPIC) return null
  const hash = log.topics.length > 1 ? log.topics[1] : log.data.length >= 66 ? dataSlice(log.data, 0, 32) : null
  if (!hash) return null
  return { hash: hash.toLowerCase(), outcome: topic === SUCCESS_TOPIC ? 'success' : 'execution_failure' }
}
