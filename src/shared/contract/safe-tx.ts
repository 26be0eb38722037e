import { z } from 'zod'
import { address, baseUnits, hex } from './primitives'

/** Every field Safe's EIP-712 SafeTx type hashes; uint256 values as decimal strings. */
export const safeTxSchema = z
  .object({
    to: address,
    value: baseUnits,
    data: hex,
    operation: z.union([z.literal(0), z.literal(1)]),
    safeTxGas: baseUnits,
    baseGas: baseUnits,
    gasPrice: baseUnits,
    gasToken: address,
    refundReceiver: address,
    nonce: baseUnits,
  })
  .strict()

export type SafeTx = z.output<typeof safeTxSchema>
