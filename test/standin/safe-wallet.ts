// What a Safe{Wallet} user does, from a test: signs a SafeTx with an independent EIP-712 signer (viem, nothing of the
// app's code) and talks to the Transaction Service with Safe's own client (api-kit). Shared by integration and e2e
// tests; it imports no test framework.
import SafeApiKit from '@safe-global/api-kit'
import type { SafeTx } from '../../src/shared/contract/safe-tx'
import { viemSafeTxHash, viemSignSafeTx } from '../independent/viem-safe-tx'

export function signInSafeWallet(privateKey: string, chainId: number, safe: string, tx: SafeTx): Promise<string> {
  return viemSignSafeTx(privateKey, chainId, safe, tx)
}

/** A Safe{Wallet} user on one Safe: proposes and confirms through api-kit at the service's URL. */
export function safeWalletUser(p: { serviceUrl: string; chainId: number; safe: string }) {
  const kit = new SafeApiKit({ chainId: BigInt(p.chainId), txServiceUrl: p.serviceUrl })
  return {
    kit,
    sign: (privateKey: string, tx: SafeTx) => signInSafeWallet(privateKey, p.chainId, p.safe, tx),
    async propose(owner: { privateKey: string; address: string }, tx: SafeTx): Promise<string> {
      const hash = viemSafeTxHash(p.chainId, p.safe, tx)
      await kit.proposeTransaction({
        safeAddress: p.safe,
        safeTransactionData: { ...tx, operation: tx.operation as 0, nonce: Number(tx.nonce) },
        safeTxHash: hash,
        senderAddress: owner.address,
        senderSignature: await signInSafeWallet(owner.privateKey, p.chainId, p.safe, tx),
        origin: 'Safe{Wallet}',
      })
      return hash
    },
    async confirm(privateKey: string, tx: SafeTx): Promise<void> {
      const hash = viemSafeTxHash(p.chainId, p.safe, tx)
      await kit.confirmTransaction(hash, await signInSafeWallet(privateKey, p.chainId, p.safe, tx))
    },
  }
}

/** A plain transfer with Safe{Wallet}'s defaults (no refund, no gas token). */
export function plainTransfer(to: string, amount: string, nonce: number): SafeTx {
  const zero = '0x0000000000000000000000000000000000000000'
  return {
    to,
    value: amount,
    data: '0x',
    operation: 0,
    safeTxGas: '0',
    baseGas: '0',
    gasPrice: '0',
    gasToken: zero,
    refundReceiver: zero,
    nonce: String(nonce),
  }
}
