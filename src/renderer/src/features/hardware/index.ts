// The hardware capability's public face: the Hardware signers page (pairing), and the QR-device signing panel the
// proposal and signing pages embed.
export { HardwarePage } from './HardwarePage'
export { QrDeviceSign } from './QrDeviceSign'
export { LedgerSign } from './LedgerSign'
export {
  hardwareCouncilDeviceHashes,
  hardwareCouncilLedgerSign,
  hardwareCouncilQrImport,
  hardwareCouncilQrRequest,
  hardwareDeviceHashes,
  hardwareLedgerSign,
  hardwareQrImportSignature,
  hardwareQrRequest,
  hardwareVoteDeviceHashes,
  hardwareVoteLedgerSign,
  hardwareVoteQrImport,
  hardwareVoteQrRequest,
} from './mutations'
export { useHardwareSigners } from './queries'
