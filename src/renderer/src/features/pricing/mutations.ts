import { sender } from '../../data'

// Writes of the pricing capability; each marks its cached answers stale (the overview refetches).
export const setCurrency = sender('pricing.setCurrency')
export const importPriceCsv = sender('pricing.importCsv')
export const setFeed = sender('pricing.setFeed')
export const removeFeed = sender('pricing.removeFeed')
