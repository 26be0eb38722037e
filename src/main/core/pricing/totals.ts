import type { Provider } from 'ethers'
import type { Db } from '../db/open'
import type { Valuation } from '../../../shared/contract/pricing'
import { reportingCurrency } from './currency'
import { VALUE_SCALE, formatScaled } from './decimal'
import { valueAt, type ValueQuery } from './value'

/** A value string ("4626", "0.5") as units of 10^-VALUE_SCALE. */
function toUnits(value: string): bigint {
  const [whole, fraction = ''] = value.split('.')
  return BigInt(whole + fraction.padEnd(VALUE_SCALE, '0').slice(0, VALUE_SCALE))
}

export interface ValuationTotal {
  currency: string
  /** Sum of the priced values, exact decimal text. */
  total: string
  priced: number
  /** Amounts with no price: the total leaves them out and says how many, never counts them as 0. */
  unpriced: number
  reasons: string[]
}

/** Adds valuations up for a report line: the priced ones summed exactly, the unpriced ones counted with why. */
export function totalOf(valuations: readonly Valuation[], currency: string): ValuationTotal {
  let units = 0n
  let priced = 0
  const reasons = new Set<string>()
  for (const v of valuations) {
    if (v.priced) {
      units += toUnits(v.value)
      priced += 1
    } else reasons.add(v.reason)
  }
  return {
    currency,
    total: formatScaled(units, VALUE_SCALE),
    priced,
    unpriced: valuations.length - priced,
    reasons: [...reasons],
  }
}

/** Values many transfers (a report's outflows) in the reporting currency, each at its block or time, and totals them. */
export async function valueTransfers(
  db: Db,
  transfers: readonly ValueQuery[],
  provider?: Provider,
): Promise<{ values: Valuation[]; total: ValuationTotal }> {
  const values: Valuation[] = []
  for (const t of transfers) values.push(await valueAt(db, t, provider))
  return { values, total: totalOf(values, reportingCurrency(db)) }
}
