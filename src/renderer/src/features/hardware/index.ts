// The hardware capability's public face: the Hardware signers page (pairing), and the QR-device signing panel the
// proposal and signing pages embed.
export { HardwarePage } from './HardwarePage'
export { QrDeviceSign } from './QrDeviceSign'
export { LedgerSign } from './LedgerSign'
export { hardwareLedgerSign, hardwareQrImportSignature } from './mutations'
export { useHardwareSigners } from './queries'
