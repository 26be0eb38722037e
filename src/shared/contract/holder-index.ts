import { z } from 'zod'
import { call } from './define'
import { address, empty } from './primitives'
import type { ConcentrationView } from './governance-risks'

const blockNumber = z
  .number()
  .int()
  .min(0)
  .max(2 ** 53 - 1)

export interface HolderIndexStatus {
  chainId: number
  token: string
  /** Null until the first sync creates the index. */
  fromBlock: number | null
  /** Every log up to this block is in the index; null while it holds none. */
  syncedTo: number | null
  logs: number
  /** Reorgs the index followed (blocks it read that the chain replaced), and where the last one began. */
  reorgs: number
  lastReorgBlock: number | null
  updatedAt: string | null
  sync: {
    state: 'idle' | 'running' | 'stopping' | 'done' | 'stopped' | 'failed'
    /** The block the running (or last) sync reads up to. */
    target: number | null
    logs: number
    splits: number
    /** Set when the last sync found a reorg: the index kept blocks up to here and read on. */
    rolledBackTo: number | null
    error: string | null
  }
}

export interface HolderIndexMetrics {
  block: number
  syncedTo: number
  votingPower: ConcentrationView
  holdings: ConcentrationView
  delegates: number
  tookMs: number
}

export interface HolderAtBlock {
  account: string
  block: number
  /** Base units. */
  balance: string
  votes: string
  delegate: string | null
}

export const holderIndexContract = {
  /** The governance token's holder index: how far it reaches, and the sync running or last run. */
  'governance.holderIndex': call<HolderIndexStatus>()(empty),
  /**
   * Starts reading the token's logs into the index from where it ends (from `fromBlock` when it is new) to the chain
   * head; progress through governance.holderIndex. A reorg since the last sync is followed first.
   */
  'governance.syncHolders': call<HolderIndexStatus>()(
    z
      .object({ fromBlock: blockNumber.optional(), rangeBlocks: z.number().int().min(1).max(1_000_000).optional() })
      .strict(),
  ),
  /** Stops a running sync after its current range (whole ranges only are kept). */
  'governance.stopHolderSync': call<HolderIndexStatus>()(empty),
  /** Concentration of holdings and of voting power at a block the index covers (its end when absent). */
  'governance.holderMetrics': call<HolderIndexMetrics>()(z.object({ block: blockNumber.optional() }).strict()),
  /** One account's balance, voting power and delegate at a block the index covers. */
  'governance.holderAt': call<HolderAtBlock>()(z.object({ account: address, block: blockNumber.optional() }).strict()),
}
