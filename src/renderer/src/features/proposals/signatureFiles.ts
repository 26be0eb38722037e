/** A signature file: `{ signature, signer?, safeTxHash? }`, a list of them, `{ signatures: [...] }`, or bare hex. */
export function parseSignatures(text: string): Array<{ signature: string; signer?: string; safeTxHash?: string }> {
  const trimmed = text.trim()
  if (/^0x[0-9a-fA-F]+$/.test(trimmed)) return [{ signature: trimmed }]
  let json: unknown
  try {
    json = JSON.parse(trimmed)
  } catch {
    throw new Error('Not a signature: paste 0x… (65 bytes) or choose a signature file (JSON).')
  }
  const list = Array.isArray(json)
    ? json
    : Array.isArray((json as { signatures?: unknown }).signatures)
      ? (json as { signatures: unknown[] }).signatures
      : [json]
  return list.map((item, i) => {
    const o = item as Record<string, unknown>
    if (typeof o?.signature !== 'string') throw new Error(`Entry ${i + 1} of the file has no "signature".`)
    return {
      signature: o.signature,
      signer: typeof o.signer === 'string' ? o.signer : undefined,
      safeTxHash: typeof o.safeTxHash === 'string' ? o.safeTxHash : undefined,
    }
  })
}

/** Issue 3's signature bundle file (`aitbc-treasury/signature`): verified on the main side like a Sign page import. */
export function isBundle(text: string): boolean {
  try {
    const json = JSON.parse(text.trim()) as { type?: unknown }
    return json?.type === 'aitbc-treasury/signature'
  } catch {
    return false
  }
}

/** What the proposal's running action is doing, in words, for its progress indicator. */
export function busyLabel(busy: string): string {
  if (busy.startsWith('sign:')) return 'Signing (unlocked key in the main process)…'
  const labels: Record<string, string> = {
    simulate: 'Simulating the transaction against the chain…',
    execute: 'Executing on chain and waiting for the block…',
    approve: 'Approving the hash on chain and waiting for the block…',
    signature: 'Checking the signature against the hash and the owners…',
    sync: 'Syncing with the chain…',
  }
  return labels[busy] ?? 'Working…'
}
