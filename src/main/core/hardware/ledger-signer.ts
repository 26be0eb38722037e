import { getAddress } from 'ethers'
import { ApiError } from '../../../shared/errors'
import type { CoreContext } from '../workspace/context'
import { WORKSPACE_USER } from '../workspace/context'
import { getSigner, insertSigner } from '../keys/store'
import { ledgerAddresses, type LedgerOpener } from './ledger/device'
import { ledgerPaths, type LedgerLayout } from './ledger/paths'
import { insertHardwareSigner, type HardwareSigner } from './store'

/** The first addresses of a layout, as the device derives them, and which are signers here already. */
export async function ledgerAccounts(ctx: CoreContext, open: LedgerOpener, layout: LedgerLayout, start = 0) {
  const accounts = await ledgerAddresses(open, ledgerPaths(layout, start))
  return accounts.map((a) => ({ ...a, known: getSigner(ctx.db, a.address) !== null }))
}

/**
 * Adds the Ledger account at `path` as a signer. The address is read from the device again and must be the one
 * chosen (another device, or another passphrase on the same one, gives other addresses).
 */
export async function pairLedgerSigner(
  ctx: CoreContext,
  open: LedgerOpener,
  input: { path: string; address: string; label: string },
  now = new Date(),
): Promise<HardwareSigner> {
  const [read] = await ledgerAddresses(open, [input.path])
  const address = getAddress(input.address)
  if (read.address !== address)
    throw new ApiError(
      'BAD_INPUT',
      `The Ledger plugged in has ${read.address} at ${input.path}, not ${address}: is it the same device (and passphrase)?`,
    )
  const existing = getSigner(ctx.db, address)
  if (existing) throw new ApiError('CONFLICT', `${address} is already in this workspace, as "${existing.label}".`)
  const signer: HardwareSigner = {
    address,
    transport: 'usb',
    device: 'Ledger',
    path: input.path,
    sourceFingerprint: null,
    addedAt: now.toISOString(),
  }
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: 'signer.added',
      subject: `signer:${address}`,
      payload: {
        label: input.label,
        kind: 'watch',
        hardware: { transport: 'usb', device: 'Ledger', path: input.path },
      },
    },
    () => {
      insertSigner(ctx.db, {
        address,
        label: input.label,
        kind: 'watch',
        path: input.path,
        keystoreFile: null,
        addedAt: signer.addedAt,
      })
      insertHardwareSigner(ctx.db, signer)
    },
  )
  return signer
}
