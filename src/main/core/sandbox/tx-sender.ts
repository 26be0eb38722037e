import { Wallet, type JsonRpcProvider } from 'ethers'

export interface Fees {
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
}

export interface PlainTx {
  to?: string
  data?: string
  value?: bigint
  gasLimit: bigint
}

/**
 * Signs locally with explicit nonce, gas and fees, then sends raw: no estimateGas / getFeeData /
 * nonce round trips per transaction, and no waiting between dependent transactions (the node
 * executes one sender's transactions in nonce order). Callers check receipts once at the end.
 */
export class TxSender {
  private readonly wallet: Wallet
  private readonly sent: { label: string; hash: string }[] = []

  constructor(
    private readonly provider: JsonRpcProvider,
    privateKey: string,
    private nonce: number,
    private readonly chainId: bigint,
    private readonly fees: Fees,
  ) {
    this.wallet = new Wallet(privateKey) // no provider: signing must not trigger RPC calls
  }

  get address(): string {
    return this.wallet.address
  }

  nextNonce(): number {
    return this.nonce
  }

  async send(label: string, tx: PlainTx): Promise<string> {
    const raw = await this.wallet.signTransaction({
      type: 2,
      chainId: this.chainId,
      nonce: this.nonce,
      to: tx.to ?? null,
      data: tx.data ?? '0x',
      value: tx.value ?? 0n,
      gasLimit: tx.gasLimit,
      maxFeePerGas: this.fees.maxFeePerGas,
      maxPriorityFeePerGas: this.fees.maxPriorityFeePerGas,
    })
    const hash = (await this.provider.send('eth_sendRawTransaction', [raw])) as string
    this.nonce += 1
    this.sent.push({ label, hash })
    return hash
  }

  /** Waits for every sent transaction and throws naming the first one that reverted. */
  async confirmAll(): Promise<void> {
    const receipts = await Promise.all(this.sent.map((s) => this.provider.waitForTransaction(s.hash, 1, 60_000)))
    receipts.forEach((r, i) => {
      if (!r || r.status !== 1)
        throw new Error(`sandbox transaction "${this.sent[i].label}" failed (${this.sent[i].hash})`)
    })
  }
}
