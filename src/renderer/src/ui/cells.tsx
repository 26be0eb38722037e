import { humanAmount, shortAddress } from '../lib/format'

/** Money in a table: base units (an integer string) shown in the token's decimals, never through a float. */
export function AmountCell({ amount, decimals, symbol }: { amount: string; decimals: number; symbol?: string }) {
  return (
    <>
      {humanAmount(amount, decimals)}
      {symbol ? ` ${symbol}` : ''}
    </>
  )
}

/**
 * An address as people read it: a name (address-book entry, Safe label) when there is one, beside the short hex;
 * the full checksummed address stays in the title and for screen readers, so a name never hides where funds go.
 */
export function AddressCell({ address, label, full = false }: { address: string; label?: string; full?: boolean }) {
  return (
    <span className="address" title={address} data-address={address}>
      {label && <span className="address-name">{label}</span>}
      {full ? (
        <span className="mono address-hex">{address}</span>
      ) : (
        <>
          <span className="mono address-hex" aria-hidden="true">
            {shortAddress(address)}
          </span>
          <span className="visually-hidden">{address}</span>
        </>
      )}
    </span>
  )
}
