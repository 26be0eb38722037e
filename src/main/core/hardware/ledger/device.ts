import type Eth from '@ledgerhq/hw-app-eth'
import { Signature, getAddress } from 'ethers'
import { ApiError } from '../../../../shared/errors'
import { ledgerError } from './errors'
import { ledgerAppPath } from './paths'

type Transport = ConstructorParameters<typeof Eth>[0]

/** Opens the USB transport to a Ledger; each operation opens, uses and closes it (the device may be unplugged). */
export type LedgerOpener = () => Promise<Transport>

/**
 * The real opener: @ledgerhq/hw-transport-node-hid, an optional native dependency loaded only when a Ledger is
 * used, so a build without it (no libusb on the machine) still runs and says what is missing.
 */
export const openNodeHidLedger: LedgerOpener = async () => {
  let TransportNodeHid: { create(openTimeout?: number, listenTimeout?: number): Promise<Transport> }
  try {
    TransportNodeHid = (await import('@ledgerhq/hw-transport-node-hid')).default
  } catch (error) {
    throw new ApiError(
      'NOT_CONFIGURED',
      `Ledger USB support is not installed in this build (the optional module @ledgerhq/hw-transport-node-hid could not be loaded: ${(error as Error).message.split('\n')[0]}). Sign with a QR device or a signature file instead.`,
    )
  }
  try {
    return await TransportNodeHid.create(3000, 5000)
  } catch (error) {
    throw ledgerError(error, 'opening the USB connection')
  }
}

async function withEth<T>(open: LedgerOpener, doing: string, work: (eth: Eth) => Promise<T>) {
  const transport = await open()
  try {
    const { default: EthApp } = await import('@ledgerhq/hw-app-eth')
    return await work(new EthApp(transport))
  } catch (error) {
    throw ledgerError(error, doing)
  } finally {
    await transport.close().catch(() => {})
  }
}

/** The addresses at these paths, read from the device (nothing is shown on its screen). */
export function ledgerAddresses(
  open: LedgerOpener,
  paths: string[],
): Promise<Array<{ path: string; address: string }>> {
  return withEth(open, 'reading addresses', async (eth) => {
    const out: Array<{ path: string; address: string }> = []
    for (const path of paths)
      out.push({ path, address: getAddress((await eth.getAddress(ledgerAppPath(path))).address) })
    return out
  })
}

/**
 * Signs EIP-712 by its two hashes (Ledger's "SIGN ETH EIP 712" with the domain separator and struct hash): the
 * device shows both hashes, which the review screen shows too. Returns the 65-byte r‖s‖v signature (v 27/28).
 */
export function ledgerSignHashes(
  open: LedgerOpener,
  path: string,
  domainHash: string,
  messageHash: string,
): Promise<string> {
  return withEth(open, 'signing', async (eth) => {
    const { v, r, s } = await eth.signEIP712HashedMessage(
      ledgerAppPath(path),
      domainHash.slice(2),
      messageHash.slice(2),
    )
    return Signature.from({ r: '0x' + r, s: '0x' + s, v: v < 27 ? v + 27 : v }).serialized
  })
}
