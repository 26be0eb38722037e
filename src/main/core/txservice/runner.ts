import type { CoreContext } from '../workspace/context'
import { getChain } from '../chain/store'
import { firstLine } from '../first-line'
import { deliverOutbox } from './outbox'
import { listEndpoints } from './store'

/** How often the outbox is looked at (env override: tests that drive the outbox by hand set it long). */
function outboxIntervalMs(): number {
  const fromEnv = Number(process.env.TREASURY_TXSERVICE_OUTBOX_MS)
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 15_000
}

/**
 * Posts the outbox in the background (each item on its own backoff), so a signature made offline reaches the
 * service once it answers again without anyone pressing a button. Never in the one-shot CLI.
 */
export function startOutboxRunner(
  ctx: CoreContext,
  log: (line: string) => void = () => {},
  everyMs = outboxIntervalMs(),
): () => void {
  let running = false
  let stopped = false
  const run = async () => {
    if (running || stopped) return
    running = true
    try {
      for (const e of listEndpoints(ctx.db)) {
        const chain = getChain(ctx.db, e.chainId)
        if (!chain || stopped) continue
        const r = await deliverOutbox(ctx, chain)
        if (r.delivered || r.failed || r.refused)
          log(`[txservice] chain ${e.chainId}: ${r.delivered} posted, ${r.failed} failed, ${r.refused} refused`)
      }
    } catch (error) {
      if (!stopped) log(`[txservice] outbox round failed: ${firstLine(error, 200)}`)
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void run(), everyMs)
  timer.unref?.()
  return () => {
    stopped = true
    clearInterval(timer)
  }
}
