import { PageHead } from '../../ui'
import { HardwareSignersTable } from './HardwareSignersTable'
import { PairQrDevice } from './PairQrDevice'
import { PairLedger } from './PairLedger'

/** Hardware signers: pair a device (its key never enters the app), see which devices sign for which owner. */
export function HardwarePage() {
  return (
    <>
      <PageHead
        title="Hardware signers"
        intro="Owners whose keys stay on a device. An air-gapped device signs through QR codes (ERC-4527: Keystone, AirGap Vault); a Ledger signs over USB. Proposals then offer to sign with them."
      />
      <PairQrDevice />
      <PairLedger />
      <HardwareSignersTable />
    </>
  )
}
