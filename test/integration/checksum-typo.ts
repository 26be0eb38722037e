/**
 * The address with one letter's case flipped: the typo an EIP-55 checksum catches. The flip is chosen so the
 * result stays mixed-case, because an all-lowercase or all-uppercase address carries no checksum and is accepted
 * as written (flipping the only lowercase letter of a checksummed address would make a valid one).
 */
export function checksumTypo(address: string): string {
  for (let i = 2; i < address.length; i++) {
    const c = address[i]
    if (!/[a-fA-F]/.test(c)) continue
    const typo =
      address.slice(0, i) + (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) + address.slice(i + 1)
    if (/[a-f]/.test(typo.slice(2)) && /[A-F]/.test(typo.slice(2))) return typo
  }
  throw new Error(`${address} has too few letters to carry a checksum typo; use another address`)
}
