import type { ChainListItem } from '../../../../shared/contract'
import { FormEnd, SelectField, TextField, useCallForm } from '../../ui'
import { safeAdd, safeDeploy } from './mutations'

export interface SafesFormProps {
  busy: boolean
  /** Runs the form's work under a busy label; what it answers is shown as the page's message. */
  run(label: string, work: () => Promise<string>): Promise<void>
}

/** A Safe that already exists, read from the chain: on the active chain, or another chain of the workspace. */
export function AddSafeForm({
  busy,
  run,
  chains,
  activeChain,
}: SafesFormProps & { chains: ChainListItem[]; activeChain: string }) {
  const form = useCallForm('safe.add', {
    defaultValues: { address: '', label: '', chainId: '' },
    toInput: (v) => ({
      address: v.address.trim(),
      label: v.label || undefined,
      ...(v.chainId ? { chainId: Number(v.chainId) } : {}),
    }),
  })
  const submit = form.handleSubmit((input) =>
    run('Reading the Safe from the chain…', async () => {
      const o = await safeAdd(input)
      return `Added ${o.address}: ${o.threshold} of ${o.owners.length}, nonce ${o.nonce}.`
    }),
  )
  const others = chains
    .filter((c) => !c.active)
    .map((c) => ({ value: String(c.chainId), label: `${c.name} (chain ${c.chainId})` }))
  return (
    <form className="card form" aria-labelledby="add-h" onSubmit={(e) => void submit(e)}>
      <h2 id="add-h">Add an existing Safe</h2>
      <TextField form={form} name="address" label="Address" className="mono" required />
      <TextField form={form} name="label" label="Label" maxLength={80} />
      {chains.length > 1 && (
        <SelectField
          form={form}
          name="chainId"
          label="Chain"
          options={others}
          placeholder={`The active chain (${activeChain})`}
        />
      )}
      <FormEnd form={form} busy={busy}>
        Add
      </FormEnd>
    </form>
  )
}

/** A new Safe (v1.4.1 through its proxy factory) with its owners and threshold, on the active chain. */
export function DeploySafeForm({
  busy,
  run,
  version,
  sandbox,
}: SafesFormProps & { version: string; sandbox: boolean }) {
  const form = useCallForm('safe.deploy', {
    defaultValues: { owners: '', threshold: '1', label: '' },
    toInput: (v) => ({
      owners: v.owners
        .split(/[\s,]+/)
        .map((o) => o.trim())
        .filter(Boolean),
      threshold: Number(v.threshold),
      label: v.label || undefined,
    }),
  })
  const submit = form.handleSubmit((input) =>
    run('Deploying the Safe and waiting for its block…', async () => {
      const o = await safeDeploy(input)
      const payer = o.payerKind === 'sandbox_node_account' ? 'the sandbox node account' : 'your key'
      return `Deployed ${o.address} (${o.threshold} of ${o.owners.length}) in ${o.txHash}; gas paid by ${payer} ${o.payer}.`
    }),
  )
  return (
    <form className="card form" aria-labelledby="deploy-h" onSubmit={(e) => void submit(e)}>
      <h2 id="deploy-h">Deploy a new Safe</h2>
      <label>
        Owners (one address per line)
        <textarea className="mono" rows={3} {...form.register('owners')} required />
      </label>
      <div className="row">
        <TextField form={form} name="threshold" label="Threshold" inputMode="numeric" required />
        <label className="grow">
          Label
          <input {...form.register('label')} maxLength={80} />
        </label>
      </div>
      <p className="muted small">
        Safe v{version} through its proxy factory, on the active chain.{' '}
        {sandbox ? 'The sandbox node account pays the gas.' : 'An unlocked key pays the gas.'}
      </p>
      <FormEnd form={form} busy={busy} primary>
        {busy ? 'Working…' : 'Deploy'}
      </FormEnd>
    </form>
  )
}
