// Signs and executes a SafeTx the way the signers and an executor would, from a test process: EIP-712 signatures by
// two demo owners' keys (signSafeTx), packed in owner order (packSignatures), execTransaction sent by the funder.
// Shared by the integration tests and the e2e journey; it imports no test framework.
import { Contract, JsonRpcProvider, Wallet, type TransactionReceipt } from 'ethers'
import { packSignatures, signSafeTx } from '../../src/main/core/signing/safe-tx'
import type { SafeTx } from '../../src/shared/contract/safe-tx'

const SAFE_ABI = [
  'function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures) payable returns (bool)',
  'function nonce() view returns (uint256)',
]

export async function executeSafeTx(p: {
  rpcUrl: string
  chainId: number
  safeAddress: string
  safeTx: SafeTx
  signerKeys: string[]
  /** Signatures made elsewhere (a device's, as the app stored them), packed with those of signerKeys. */
  signatures?: Array<{ signer: string; data: string }>
  executorKey: string
}): Promise<TransactionReceipt> {
  const provider = new JsonRpcProvider(p.rpcUrl, p.chainId, { cacheTimeout: -1, staticNetwork: true })
  try {
    const signatures = await Promise.all(
      p.signerKeys.map(async (key) => {
        const wallet = new Wallet(key)
        return { signer: wallet.address, data: await signSafeTx(wallet, p.chainId, p.safeAddress, p.safeTx) }
      }),
    )
    const safe = new Contract(p.safeAddress, SAFE_ABI, new Wallet(p.executorKey, provider))
    const t = p.safeTx
    const sent = await safe.execTransaction(
      t.to,
      t.value,
      t.data,
      t.operation,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      packSignatures([...signatures, ...(p.signatures ?? [])]),
      { gasLimit: 15_000_000n },
    )
    const receipt = await sent.wait()
    if (!receipt || receipt.status !== 1) throw new Error(`execTransaction reverted (${sent.hash})`)
    return receipt
  } finally {
    provider.destroy()
  }
}

export async function balances(rpcUrl: string, token: string, holders: string[]) {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 })
  try {
    const erc20 = new Contract(token, ['function balanceOf(address) view returns (uint256)'], provider)
    return await Promise.all(
      holders.map(async (h) => ({
        eth: await provider.getBalance(h),
        token: (await erc20.balanceOf(h)) as bigint,
      })),
    )
  } finally {
    provider.destroy()
  }
}
