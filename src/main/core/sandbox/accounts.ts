import { HDNodeWallet } from 'ethers'
import type { DemoSigner } from './types'

export const SANDBOX_CHAIN_ID = 31337
/** Hardhat's public test mnemonic; must match resources/sandbox/hardhat.config.cjs. */
export const SANDBOX_MNEMONIC = 'test test test test test test test test test test test junk'
const DEMO_LABELS = ['Alice (demo)', 'Bob (demo)', 'Carol (demo)'] as const

let cached: { funder: DemoSigner; signers: DemoSigner[] } | undefined

/** Account #0 is the funder/deployer, #1..#3 the demo Safe owners (path m/44'/60'/0'/0/i). */
export function sandboxAccounts(): { funder: DemoSigner; signers: DemoSigner[] } {
  if (!cached) {
    // Derive the parent once: the mnemonic-to-seed step is the slow part.
    const parent = HDNodeWallet.fromPhrase(SANDBOX_MNEMONIC, undefined, "m/44'/60'/0'/0")
    const at = (index: number, label: string): DemoSigner => {
      const wallet = parent.deriveChild(index)
      return { label, address: wallet.address, privateKey: wallet.privateKey }
    }
    cached = {
      funder: at(0, 'Funder (hardhat #0)'),
      signers: DEMO_LABELS.map((label, i) => at(i + 1, label)),
    }
  }
  // Copies, so a caller mutating its result cannot change what the next sandbox reports.
  return { funder: { ...cached.funder }, signers: cached.signers.map((s) => ({ ...s })) }
}
