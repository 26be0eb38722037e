import type { WorkspaceInfo } from '../../../../shared/contract'
import { FormEnd, TextField, useCallForm } from '../../ui'
import { chainConnect } from './mutations'
import type { SafesFormProps } from './SafeForms'

/** Another chain by its RPC URL; its chainId is read from the endpoint. */
export function ConnectChainForm({
  busy,
  run,
  chain,
  then,
}: SafesFormProps & { chain: WorkspaceInfo['chain']; then(): Promise<void> }) {
  const form = useCallForm('chain.connect', {
    defaultValues: { rpcUrl: '', name: '', contracts: '' },
    toInput: (v) => {
      let contracts
      if (v.contracts.trim()) {
        try {
          contracts = JSON.parse(v.contracts)
        } catch {
          throw new Error('The contract addresses are not valid JSON.')
        }
      }
      return { rpcUrl: v.rpcUrl.trim(), name: v.name || undefined, contracts }
    },
  })
  const submit = form.handleSubmit((input) =>
    run('Connecting to the chain…', async () => {
      const c = await chainConnect(input)
      await then()
      return `Connected ${c.name} (chain ${c.chainId}); Safe contracts from ${c.contracts}.`
    }),
  )
  return (
    <form className="card form" aria-labelledby="chain-h" onSubmit={(e) => void submit(e)}>
      <h2 id="chain-h">Connect a chain by RPC URL</h2>
      <p className="muted small">
        Now: {chain ? `${chain.name} (chain ${chain.chainId})` : 'no chain'}. The chainId is read from the endpoint;
        Safe contract addresses come from safe-deployments for the chains it lists.
      </p>
      <TextField form={form} name="rpcUrl" label="RPC URL" className="mono" required placeholder="https://…" />
      <TextField form={form} name="name" label="Name" maxLength={80} />
      <label>
        Contract addresses, for a chain safe-deployments does not list (JSON: safeSingletonAddress,
        safeProxyFactoryAddress, multiSendAddress, …)
        <textarea className="mono" rows={3} {...form.register('contracts')} />
      </label>
      <FormEnd form={form} busy={busy}>
        Connect
      </FormEnd>
    </form>
  )
}
