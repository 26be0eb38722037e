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
export const hardwareCouncilQrRequest = (input: CallInput<'hardware.councilQrRequest'>) =>
  send('hardware.councilQrRequest', input, ['audit'])
export const hardwareCouncilDeviceHashes = (input: CallInput<'hardware.councilDeviceHashes'>) =>
  read('hardware.councilDeviceHashes', input)
// A council act changes what it decides on (as council.sign does).
const actTouches = ['council', 'grants', 'budgets', 'disbursements', 'governance', 'audit'] as const
export const hardwareCouncilQrImport = (input: CallInput<'hardware.councilQrImport'>) =>
  send('hardware.councilQrImport', input, actTouches)
export const hardwareCouncilLedgerSign = (input: CallInput<'hardware.councilLedgerSign'>) =>
  send('hardware.councilLedgerSign', input, actTouches)
// A vote recorded from a device changes the proposal's tally and participation (as governance.importVotes does).
export const hardwareVoteQrRequest = (input: CallInput<'hardware.voteQrRequest'>) =>
  send('hardware.voteQrRequest', input, ['audit'])
export const hardwareVoteDeviceHashes = (input: CallInput<'hardware.voteDeviceHashes'>) =>
  read('hardware.voteDeviceHashes', input)
export const hardwareVoteQrImport = (input: CallInput<'hardware.voteQrImport'>) =>
  send('hardware.voteQrImport', input, ['governance', 'audit'])
export const hardwareVoteLedgerSign = (input: CallInput<'hardware.voteLedgerSign'>) =>
  send('hardware.voteLedgerSign', input, ['governance', 'audit'])
