import type { CallInput } from '../../../../shared/contract'
import { read, useCallQuery } from '../../data'

// Reads of the pricing capability: the reporting currency, feeds, imports and priced tokens of the active chain.
export const usePricingOverview = () => useCallQuery('pricing.overview', {})
export const valueAmount = (input: CallInput<'pricing.value'>) => read('pricing.value', input)
