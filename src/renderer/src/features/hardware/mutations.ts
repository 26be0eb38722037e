import type { CallInput } from '../../../../shared/contract'
import { read, send } from '../../data'

// Writes of this feature over send(): pairing adds a signer (keys), an imported signature joins a request and its
// proposal (signing, proposals).

export const hardwareReadPairing = (input: CallInput<'hardware.readPairing'>) => read('hardware.readPairing', input)
export const hardwarePairQr = (input: CallInput<'hardware.pairQr'>) => send('hardware.pairQr', input, ['keys'])
export const hardwareQrRequest = (input: CallInput<'hardware.qrRequest'>) =>
  send('hardware.qrRequest', input, ['audit', 'signing'])
export const hardwareQrImportSignature = (input: CallInput<'hardware.qrImportSignature'>) =>
  send('hardware.qrImportSignature', input, ['signing', 'proposals', 'audit'])
export const hardwareDeviceHashes = (input: CallInput<'hardware.deviceHashes'>) => read('hardware.deviceHashes', input)
export const hardwareLedgerAccounts = (input: CallInput<'hardware.ledgerAccounts'>) =>
  send('hardware.ledgerAccounts', input)
export const hardwarePairLedger = (input: CallInput<'hardware.pairLedger'>) =>
  send('hardware.pairLedger', input, ['keys'])
export const hardwareLedgerSign = (input: CallInput<'hardware.ledgerSign'>) =>
  send('hardware.ledgerSign', input, ['signing', 'proposals', 'audit'])
