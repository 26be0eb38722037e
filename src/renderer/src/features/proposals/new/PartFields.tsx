import type { PartDraft, TokenBalance } from './body'

interface PartFieldsProps {
  part: PartDraft
  index: number
  /** More than one part: they are batched through MultiSend and each can be removed. */
  batched: boolean
  tokens: TokenBalance[]
  native: { symbol: string }
  update(patch: Partial<PartDraft>): void
  remove(): void
}

/** One transaction of a proposal: a native coin or token transfer, or a contract call by ABI or raw data. */
export function PartFields({ part: p, index: i, batched, tokens, native, update, remove }: PartFieldsProps) {
  const token = tokens.find((t) => t.address === p.token) ?? tokens[0]
  return (
    <fieldset data-testid={`part-${i}`}>
      <legend>
        Transaction {i + 1}
        {batched && ' (batched with MultiSend)'}
      </legend>
      <div className="row">
        <label>
          Type
          <select value={p.type} onChange={(e) => update({ type: e.target.value as PartDraft['type'] })}>
            <option value="eth_transfer">Send {native.symbol}</option>
            <option value="erc20_transfer">Send a token</option>
            <option value="contract_call">Call a contract</option>
          </select>
        </label>
        {p.type === 'erc20_transfer' && (
          <label>
            Token
            <select value={p.token || tokens[0]?.address || ''} onChange={(e) => update({ token: e.target.value })}>
              {tokens.map((t) => (
                <option key={t.address} value={t.address!}>
                  {t.symbol}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="grow">
          {p.type === 'contract_call' ? 'Contract address' : 'Recipient'}
          <input
            className="mono"
            value={p.to}
            onChange={(e) => update({ to: e.target.value })}
            placeholder="0x…"
            required
          />
        </label>
        {p.type !== 'contract_call' ? (
          <label>
            Amount ({p.type === 'eth_transfer' ? native.symbol : token?.symbol})
            <input value={p.amount} onChange={(e) => update({ amount: e.target.value })} inputMode="decimal" required />
          </label>
        ) : (
          <label>
            Value ({native.symbol})
            <input value={p.value} onChange={(e) => update({ value: e.target.value })} inputMode="decimal" />
          </label>
        )}
      </div>
      {p.type === 'contract_call' && <CallFields part={p} index={i} update={update} />}
      {batched && (
        <button type="button" onClick={remove}>
          Remove transaction {i + 1}
        </button>
      )}
    </fieldset>
  )
}

function CallFields({ part: p, index: i, update }: Pick<PartFieldsProps, 'index' | 'update'> & { part: PartDraft }) {
  return (
    <>
      <div className="row">
        <label className="check">
          <input type="radio" name={`mode-${i}`} checked={p.mode === 'abi'} onChange={() => update({ mode: 'abi' })} />{' '}
          ABI and arguments
        </label>
        <label className="check">
          <input type="radio" name={`mode-${i}`} checked={p.mode === 'raw'} onChange={() => update({ mode: 'raw' })} />{' '}
          Raw data
        </label>
      </div>
      {p.mode === 'abi' ? (
        <div className="row">
          <label className="grow">
            ABI (JSON, or one function per line)
            <textarea
              className="mono"
              rows={3}
              value={p.abi}
              placeholder="function transfer(address to, uint256 amount)"
              onChange={(e) => update({ abi: e.target.value })}
            />
          </label>
          <label>
            Function
            <input value={p.method} onChange={(e) => update({ method: e.target.value })} />
          </label>
          <label className="grow">
            Arguments, one per line (arrays and tuples as JSON)
            <textarea className="mono" rows={3} value={p.args} onChange={(e) => update({ args: e.target.value })} />
          </label>
        </div>
      ) : (
        <label>
          Data
          <textarea
            className="mono"
            rows={3}
            value={p.data}
            onChange={(e) => update({ data: e.target.value })}
            placeholder="0x…"
          />
        </label>
      )}
    </>
  )
}
