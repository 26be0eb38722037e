import type { CallInput } from '../../../../shared/contract'
import { send } from '../../data'

// Writes of the pricing capability; each marks its cached answers stale (the overview refetches).
export const setCurrency = (input: CallInput<'pricing.setCurrency'>) => send('pricing.setCurrency', input)
export const importPriceCsv = (input: CallInput<'pricing.importCsv'>) => send('pricing.importCsv', input)
export const setFeed = (input: CallInput<'pricing.setFeed'>) => send('pricing.setFeed', input)
export const removeFeed = (input: CallInput<'pricing.removeFeed'>) => send('pricing.removeFeed', input)
