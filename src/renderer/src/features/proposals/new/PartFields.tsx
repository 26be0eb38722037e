import { Options, TextField } from '../../../ui'
import type { ProposalForm, TokenBalance } from './body'

interface PartFieldsProps {
  form: ProposalForm
  index: number
  /** More than one part: they are batched through MultiSend and each can be removed. */
  batched: boolean
  tokens: TokenBalance[]
  native: { symbol: string }
  remove(): void
}

/** One transaction of a proposal: a native coin or token transfer, or a contract call by ABI or raw data. */
export function PartFields({ form, index: i, batched, tokens, native, remove }: PartFieldsProps) {
  const [type, tokenAddress] = form.watch([`parts.${i}.type`, `parts.${i}.token`])
  const token = tokens.find((t) => t.address === tokenAddress) ?? tokens[0]
  const types = [
    { value: 'eth_transfer', label: `Send ${native.symbol}` },
    { value: 'erc20_transfer', label: 'Send a token' },
    { value: 'contract_call', label: 'Call a contract' },
  ]
  return (
    <fieldset data-testid={`part-${i}`}>
      <legend>
        Transaction {i + 1}
        {batched && ' (batched with MultiSend)'}
      </legend>
      <div className="row">
        <label>
          Type
          <select {...form.register(`parts.${i}.type`)}>
            <Options options={types} />
          </select>
        </label>
        {type === 'erc20_transfer' && (
          <label>
            Token
            <select {...form.register(`parts.${i}.token`)}>
              <Options options={tokens.map((t) => ({ value: t.address!, label: t.symbol }))} />
            </select>
          </label>
        )}
        <label className="grow">
          {type === 'contract_call' ? 'Contract address' : 'Recipient'}
          <input className="mono" {...form.register(`parts.${i}.to`)} placeholder="0x…" required />
        </label>
        {type !== 'contract_call' ? (
          <TextField
            form={form}
            name={`parts.${i}.amount`}
            label={`Amount (${type === 'eth_transfer' ? native.symbol : token?.symbol})`}
            inputMode="decimal"
            required
          />
        ) : (
          <TextField form={form} name={`parts.${i}.value`} label={`Value (${native.symbol})`} inputMode="decimal" />
        )}
      </div>
      {type === 'contract_call' && <CallFields form={form} index={i} />}
      {batched && (
        <button type="button" onClick={remove}>
          Remove transaction {i + 1}
        </button>
      )}
    </fieldset>
  )
}

function CallFields({ form, index: i }: Pick<PartFieldsProps, 'form' | 'index'>) {
  const mode = form.watch(`parts.${i}.mode`)
  return (
    <>
      <div className="row">
        <label className="check">
          <input type="radio" value="abi" {...form.register(`parts.${i}.mode`)} /> ABI and arguments
        </label>
        <label className="check">
          <input type="radio" value="raw" {...form.register(`parts.${i}.mode`)} /> Raw data
        </label>
      </div>
      {mode === 'abi' ? (
        <div className="row">
          <label className="grow">
            ABI (JSON, or one function per line)
            <textarea
              className="mono"
              rows={3}
              placeholder="function transfer(address to, uint256 amount)"
              {...form.register(`parts.${i}.abi`)}
            />
          </label>
          <TextField form={form} name={`parts.${i}.method`} label="Function" />
          <label className="grow">
            Arguments, one per line (arrays and tuples as JSON)
            <textarea className="mono" rows={3} {...form.register(`parts.${i}.args`)} />
          </label>
        </div>
      ) : (
        <label>
          Data
          <textarea className="mono" rows={3} placeholder="0x…" {...form.register(`parts.${i}.data`)} />
        </label>
      )}
    </>
  )
}
