import { z } from 'zod'
import { getAddress, isHexString } from 'ethers'

/**
 * An EVM address. Mixed-case input must carry a valid EIP-55 checksum (a typo then fails instead of sending funds
 * elsewhere); all-lower or all-upper input has no checksum to check and is accepted. Output is always checksummed.
 */
export const address = z
  .string()
  .max(42)
  .transform((value, ctx) => {
    if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'not an address (0x followed by 40 hex digits)' })
      return z.NEVER
    }
    try {
      return getAddress(value)
    } catch {
      ctx.addIssue({ code: 'custom', message: 'address checksum is wrong (check every character)' })
      return z.NEVER
    }
  })

export const hex = z
  .string()
  .max(2_000_000)
  .refine((v) => isHexString(v), 'not a 0x-prefixed hex string')

export const bytes32 = z.string().refine((v) => isHexString(v, 32), 'not a 32-byte 0x-prefixed hex string')

/** Base units of a token as a decimal integer string: never a float. */
export const baseUnits = z.string().regex(/^(0|[1-9][0-9]{0,77})$/, 'not a non-negative integer amount in base units')

export const empty = z.object({}).strict()
