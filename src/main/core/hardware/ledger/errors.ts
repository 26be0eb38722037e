import { ApiError } from '../../../../shared/errors'

/**
 * What a Ledger error means for the person holding the device. Status words from Ledger's Ethereum app protocol
 * (app-ethereum doc/ethapp.adoc) and the dashboard; transport errors by the names @ledgerhq/errors gives them.
 */
export function ledgerError(error: unknown, doing: string): ApiError {
  if (error instanceof ApiError) return error
  const e = error as { statusCode?: number; name?: string; message?: string }
  switch (e.statusCode) {
    case 0x6985:
      return new ApiError('CONFLICT', `The request was refused on the Ledger (${doing}): nothing was signed.`)
    case 0x5515:
    case 0x6982:
    case 0x6b0c:
      return new ApiError(
        'LOCKED',
        'The Ledger is locked: unlock it with its PIN, open the Ethereum app, and try again.',
      )
    case 0x6a80:
      return new ApiError(
        'CONFLICT',
        'The Ledger Ethereum app refused the data: enable "Blind signing" in the Ethereum app\'s settings (a Safe transaction is signed by its EIP-712 hashes), then try again.',
      )
    case 0x6d00:
    case 0x6e00:
    case 0x6e01:
    case 0x6511:
      return new ApiError(
        'NOT_CONFIGURED',
        'The Ethereum app is not open on the Ledger (another app, or the dashboard): open the Ethereum app and try again.',
      )
  }
  const name = e.name ?? ''
  if (/Disconnected|CantOpenDevice|TransportRaceCondition|TransportInterfaceNotAvailable/.test(name))
    return new ApiError(
      'NOT_CONFIGURED',
      `The Ledger was unplugged or could not be reached (${doing}): plug it in, unlock it, open the Ethereum app, and try again. Nothing was signed.`,
    )
  if (name === 'NoDeviceFound' || /no device/i.test(e.message ?? ''))
    return new ApiError('NOT_CONFIGURED', 'No Ledger was found: plug it in by USB and unlock it.')
  if (e.statusCode !== undefined)
    return new ApiError('CHAIN_ERROR', `The Ledger answered status 0x${e.statusCode.toString(16)} (${doing}).`)
  return new ApiError('INTERNAL', `The Ledger could not be used (${doing}): ${e.message ?? String(error)}`)
}
