import { useState } from 'react'
import { useAction } from '../../data'
import { Card, ErrorNote, formMessage, useCallForm } from '../../ui'
import type { TxServiceEndpointView } from '../../../../shared/contract'
import { configureService, disableService } from './mutations'

interface Values {
  kind: 'custom' | 'hosted'
  url: string
  apiKey: string
}

/**
 * The chain's Transaction Service: a self-hosted URL, or Safe's hosted one with the API key it asks for, or none
 * (the app works as before). The key is written, never shown back.
 */
export function ServiceSettingsCard({
  chainId,
  endpoint,
}: {
  chainId: number
  endpoint: TxServiceEndpointView | null
}) {
  const [kind, setKind] = useState<Values['kind']>(endpoint && endpoint.url === null ? 'hosted' : 'custom')
  const off = useAction()
  const form = useCallForm('txservice.configure', {
    defaultValues: { kind, url: endpoint?.url ?? '', apiKey: '' },
    toInput: (v: Values) => ({
      chainId,
      url: v.kind === 'hosted' ? null : v.url.trim(),
      apiKey: v.apiKey.trim() ? v.apiKey.trim() : null,
    }),
  })
  const save = useAction()
  const submit = form.handleSubmit(async (input) => {
    if (await save.run(() => configureService(input))) form.setValue('apiKey', '')
  })
  return (
    <Card title={`Safe Transaction Service of chain ${chainId}`} testId="txservice-settings">
      <p className="muted small" data-testid="txservice-current">
        {endpoint
          ? `In use: ${endpoint.url ?? "Safe's hosted service"}${endpoint.hasApiKey ? ' (API key set)' : ''}. Proposals and signatures made here are posted to it; its queue is read on sync.`
          : 'None: proposals travel as files and QR codes only. Set one to share the queue with Safe{Wallet}.'}
      </p>
      <form className="row" aria-label="Transaction Service" onSubmit={(e) => void submit(e)}>
        <label>
          Service
          <select
            {...form.register('kind')}
            onChange={(e) => {
              const next = e.target.value as Values['kind']
              setKind(next)
              form.setValue('kind', next)
            }}
          >
            <option value="custom">Self-hosted (URL)</option>
            <option value="hosted">Safe&apos;s hosted service</option>
          </select>
        </label>
        {kind === 'custom' && (
          <label className="grow">
            URL
            <input
              className="mono"
              {...form.register('url')}
              placeholder="https://safe-transaction.example.org/api"
              data-testid="txservice-url"
            />
          </label>
        )}
        <label>
          API key {kind === 'custom' && <span className="muted">(optional)</span>}
          <input type="password" autoComplete="off" {...form.register('apiKey')} data-testid="txservice-apikey" />
        </label>
        <button className="primary" type="submit" disabled={save.busy}>
          Save
        </button>
        {endpoint && (
          <button type="button" disabled={off.busy} onClick={() => void off.run(() => disableService({ chainId }))}>
            Turn off
          </button>
        )}
      </form>
      <ErrorNote
        error={formMessage(form.formState.errors) ?? save.error ?? off.error}
        testId="txservice-settings-error"
      />
    </Card>
  )
}
