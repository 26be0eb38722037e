import { useEffect, useState } from 'react'
import { errorInfo, useAction } from '../../data'
import { ErrorNote, ActionForm, TextInput, draftFields } from '../../ui'
import { useNativeInfo } from './queries'
import { setNative } from './mutations'
import type { NativeCurrencyInfo } from '../../../../shared/contract'

const SOURCE_TEXT: Record<NativeCurrencyInfo['source'], string> = {
  workspace: 'set in this workspace',
  shipped: "from the app's chain list",
  unknown: 'this chain is in no list the app ships: name its coin here',
}

/** The chain's native currency (symbol, name, decimals): from the shipped chain list, editable per chain. */
export function NativeCurrencyCard({ chainId }: { chainId?: number }) {
  const query = useNativeInfo(chainId)
  const info = query.data
  const [draft, setDraft] = useState({ symbol: '', name: '', decimals: '18' })
  const field = draftFields(draft, setDraft)
  const { busy, error, run } = useAction()

  // The form starts from what is stored, and again after each save (the write refetches it).
  useEffect(() => {
    if (info) setDraft({ symbol: info.symbol, name: info.name, decimals: String(info.decimals) })
  }, [info])

  const submit = () => {
    void run(() => setNative({ chainId, symbol: draft.symbol, name: draft.name, decimals: Number(draft.decimals) }))
  }
  return (
    <article className="card" aria-labelledby="native-h" data-testid="native-currency">
      <h2 id="native-h">Native currency{info ? ` of chain ${info.chainId}` : ''}</h2>
      {info && (
        <p className="muted small" data-testid="native-source">
          {info.symbol} · {info.name} · {info.decimals} decimals ({SOURCE_TEXT[info.source]})
        </p>
      )}
      <ActionForm className="row" label="Native currency" onSubmit={submit}>
        <TextInput label="Symbol" {...field('symbol')} required />
        <label className="grow">
          Name
          <TextInput {...field('name')} required />
        </label>
        <TextInput label="Decimals" inputMode="numeric" {...field('decimals')} required />
        <button type="submit" disabled={busy}>
          Save
        </button>
        {info?.source === 'workspace' && (
          <button type="button" disabled={busy} onClick={() => void run(() => setNative({ chainId, reset: true }))}>
            Back to the chain list
          </button>
        )}
      </ActionForm>
      <ErrorNote error={error ?? (query.error ? errorInfo(query.error) : null)} testId="native-error" />
    </article>
  )
}
