import { z } from 'zod'
import { call } from './define'
import { address } from './primitives'
import { periodSchema } from './reports'

export const ACCOUNTING_FORMATS = ['bank-statement', 'journal'] as const
export type AccountingFormat = (typeof ACCOUNTING_FORMATS)[number]

export const accountingContract = {
  /**
   * One Safe's movements in a period as a bank-statement CSV (Xero/QuickBooks columns, one token per statement) or
   * a double-entry journal CSV (every token). Audited as an export with the SHA-256 of the text returned.
   */
  'accounting.export': call<{ fileName: string; csv: string; entries: number }>()(
    z
      .object({
        ...periodSchema,
        safe: address,
        format: z.enum(ACCOUNTING_FORMATS),
        /** Bank statement: 'native' or a token address (default the native coin). */
        token: z.union([z.literal('native'), address]).optional(),
      })
      .strict(),
  ),
}
