import { ApiError } from '../../../../shared/errors'

/** Ledger Live puts one account per hardened index (m/44'/60'/x'/0/0); MEW/MyCrypto's legacy layout m/44'/60'/0'/x. */
export type LedgerLayout = 'live' | 'legacy'

export const LEDGER_ADDRESSES_SHOWN = 5

export function ledgerPath(layout: LedgerLayout, index: number): string {
  return layout === 'live' ? `m/44'/60'/${index}'/0/0` : `m/44'/60'/0'/${index}`
}

export function ledgerPaths(layout: LedgerLayout, start = 0, count = LEDGER_ADDRESSES_SHOWN): string[] {
  return Array.from({ length: count }, (_, i) => ledgerPath(layout, start + i))
}

const PATH = /^m(\/\d{1,10}'?){1,10}$/

/** A BIP-32 path as Ledger's app takes it (no leading "m/"), refusing anything else. */
export function ledgerAppPath(path: string): string {
  if (!PATH.test(path) || !path.startsWith("m/44'/60'/"))
    throw new ApiError('BAD_INPUT', `${path} is not an Ethereum derivation path (m/44'/60'/…).`)
  return path.slice(2)
}
