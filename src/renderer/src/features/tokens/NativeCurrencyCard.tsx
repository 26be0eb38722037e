import { useEffect, useState } from 'react'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { fetchNative } from './queries'
import { setNative } from './mutations'
import type { NativeCurrencyInfo } from '../../../../shared/contract'

const SOURCE_TEXT: Record<NativeCurrencyInfo['source'], string> = {
  workspace: 'set in this workspace',
  shipped: "from the app's chain list",
  unknown: 'this chain is in no list the app ships: name its coin here',
}

/** The chain's native currency (symbol, name, decimals): from the shipped chain list, editable per chain. */
export function NativeCurrencyCard({ chainId }: { chainId?: number }) {
  const [info, setInfo] = useState<NativeCurrencyInfo | null>(null)
  const [draft, setDraft] = useState({ symbol: '', name: '', decimals: '18' })
  const { busy, error, run } = useAction()

  useEffect(() => {
    void run(async () => {
      const read = await fetchNative(chainId)
      setInfo(read)
      setDraft({ symbol: read.symbol, name: read.name, decimals: String(read.decimals) })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [chainId])

  const saved = (next: NativeCurrencyInfo) => {
    setInfo(next)
    setDraft({ symbol: next.symbol, name: next.name, decimals: String(next.decimals) })
  }

  return (
    <article className="card" aria-labelledby="native-h" data-testid="native-currency">
      <h2 id="native-h">Native currency{info ? ` of chain ${info.chainId}` : ''}</h2>
      {info && (
        <p className="muted small" data-testid="native-source">
          {info.symbol} · {info.name} · {info.decimals} decimals ({SOURCE_TEXT[info.source]})
        </p>
      )}
      <form
        className="row"
        aria-label="Native currency"
        onSubmit={(e) => {
          e.preventDefault()
          void run(async () =>
            saved(
              await setNative({
                chainId,
                symbol: draft.symbol,
                name: draft.name,
                decimals: Number(draft.decimals),
              }),
            ),
          )
        }}
      >
        <label>
          Symbol
          <input value={draft.symbol} onChange={(e) => setDraft({ ...draft, symbol: e.target.value })} required />
        </label>
        <label className="grow">
          Name
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        </label>
        <label>
          Decimals
          <input
            inputMode="numeric"
            value={draft.decimals}
            onChange={(e) => setDraft({ ...draft, decimals: e.target.value })}
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          Save
        </button>
        {info?.source === 'workspace' && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(async () => saved(await setNative({ chainId, reset: true })))}
          >
            Back to the chain list
          </button>
        )}
      </form>
      <ErrorNote error={error} testId="native-error" />
    </article>
  )
}
