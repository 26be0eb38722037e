import { useEffect, useState } from 'react'
import { parseUnits } from 'ethers'
import { useApp } from '../../store'
import { ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { go } from '../../lib/route'
import type { CallInput, ProposalPartInput } from '../../../../shared/contract'
import { proposalsCreate } from './mutations'
import { useNative } from '../tokens'

type PartDraft = {
  type: 'eth_transfer' | 'erc20_transfer' | 'contract_call'
  to: string
  amount: string
  token: string
  value: string
  mode: 'abi' | 'raw'
  abi: string
  method: string
  args: string
  data: string
}

const emptyPart = (): PartDraft => ({
  type: 'eth_transfer',
  to: '',
  amount: '',
  token: '',
  value: '0',
  mode: 'abi',
  abi: '',
  method: '',
  args: '',
  data: '',
})

type OwnerDraft = {
  change: 'add_owner' | 'remove_owner' | 'swap_owner' | 'change_threshold'
  owner: string
  newOwner: string
  threshold: string
}

function toUnits(text: string, decimals: number, label: string): string {
  try {
    const v = parseUnits(text.trim(), decimals)
    if (v < 0n) throw new Error()
    return v.toString()
  } catch {
    throw new Error(`${label}: "${text}" is not an amount with at most ${decimals} decimals`)
  }
}

export function NewProposal() {
  const { overview, safes, nonceInfo, labels } = useApp()
  const native = useNative()
  const loadOverview = useApp((s) => s.loadOverview)
  const loadAddressBook = useApp((s) => s.loadAddressBook)
  const loadProposals = useApp((s) => s.loadProposals)
  const [mode, setMode] = useState<'transactions' | 'owner_change'>('transactions')
  const [safe, setSafe] = useState('')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState('')
  const [budgetLineId, setBudgetLineId] = useState('')
  const [grantLink, setGrantLink] = useState('')
  const [nonce, setNonce] = useState('')
  const [draft, setDraft] = useState(false)
  const [parts, setParts] = useState<PartDraft[]>([emptyPart()])
  const [owner, setOwner] = useState<OwnerDraft>({ change: 'add_owner', owner: '', newOwner: '', threshold: '' })
  const [error, setError] = useState<ShownError | null>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    void loadOverview()
    void loadAddressBook()
    void loadProposals()
  }, [loadOverview, loadAddressBook, loadProposals])

  const tokens = (overview?.balances ?? []).filter((b) => b.address !== null)
  const target = safe || overview?.address || ''
  const update = (i: number, patch: Partial<PartDraft>) =>
    setParts(parts.map((p, k) => (k === i ? { ...p, ...patch } : p)))

  const buildBody = (): CallInput<'proposals.create'>['body'] => {
    if (mode === 'owner_change') {
      const threshold = Number(owner.threshold)
      switch (owner.change) {
        case 'add_owner':
          return { type: 'owner_change', change: { change: 'add_owner', owner: owner.newOwner.trim(), threshold } }
        case 'remove_owner':
          return { type: 'owner_change', change: { change: 'remove_owner', owner: owner.owner, threshold } }
        case 'swap_owner':
          return {
            type: 'owner_change',
            change: { change: 'swap_owner', owner: owner.owner, newOwner: owner.newOwner.trim() },
          }
        case 'change_threshold':
          return { type: 'owner_change', change: { change: 'change_threshold', threshold } }
      }
    }
    const built: ProposalPartInput[] = parts.map((p, i) => {
      const n = `Transaction ${i + 1}`
      if (p.type === 'eth_transfer')
        return { type: 'eth_transfer', to: p.to.trim(), amount: toUnits(p.amount, native.decimals, n) }
      if (p.type === 'erc20_transfer') {
        const token = tokens.find((t) => t.address === p.token) ?? tokens[0]
        if (!token) throw new Error(`${n}: the workspace has no token`)
        return {
          type: 'erc20_transfer',
          token: token.address!,
          to: p.to.trim(),
          amount: toUnits(p.amount, token.decimals, n),
        }
      }
      const value = toUnits(p.value || '0', native.decimals, `${n} value`)
      if (p.mode === 'raw')
        return { type: 'contract_call', to: p.to.trim(), value, data: (p.data.trim() || '0x') as `0x${string}` }
      return {
        type: 'contract_call',
        to: p.to.trim(),
        value,
        abi: p.abi,
        method: p.method.trim(),
        args: p.args
          .split('\n')
          .map((a) => a.trim())
          .filter((a, k, all) => a !== '' || k < all.length - 1),
      } as ProposalPartInput
    })
    return { type: 'transactions', parts: built }
  }

  const submit = async () => {
    setError(null)
    setSaving(true)
    try {
      const created = await proposalsCreate({
        safe: target,
        title,
        description: description || undefined,
        category: category || null,
        budgetLineId: budgetLineId || null,
        grantLink: grantLink || null,
        nonce: nonce.trim() === '' ? undefined : Number(nonce),
        draft,
        body: buildBody(),
      })
      go(`proposals/${created.id}`)
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <section>
      <p>
        <a href="#/proposals">← Queue</a>
      </p>
      <h1>New proposal</h1>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <fieldset>
          <legend>Purpose</legend>
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={140} />
          </label>
          <label>
            Description
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5000} />
          </label>
          <div className="row">
            <label>
              Category
              <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={60} />
            </label>
            <label>
              Budget line
              <input value={budgetLineId} onChange={(e) => setBudgetLineId(e.target.value)} maxLength={120} />
            </label>
            <label>
              Grant link
              <input value={grantLink} onChange={(e) => setGrantLink(e.target.value)} maxLength={500} />
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Safe and nonce</legend>
          <div className="row">
            <label>
              Safe
              <select value={target} onChange={(e) => setSafe(e.target.value)}>
                {safes.map((s) => (
                  <option key={s.address} value={s.address}>
                    {s.label ? `${s.label} (${s.address})` : s.address}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Nonce
              <input
                value={nonce}
                onChange={(e) => setNonce(e.target.value)}
                inputMode="numeric"
                placeholder={nonceInfo ? `${nonceInfo.suggested} (suggested)` : 'next'}
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Save as draft
            </label>
          </div>
          <p className="muted small">
            Leave the nonce empty to queue after the last open proposal. Reusing a nonce creates a conflict on purpose
            (a replacement): only one of the proposals on it can execute.
          </p>
        </fieldset>
        {/* Two toggle buttons (not tabs: there is one form below, not two panels); the pressed one is the type. */}
        <div role="group" aria-label="Proposal type" className="row">
          <button type="button" aria-pressed={mode === 'transactions'} onClick={() => setMode('transactions')}>
            Payments and calls
          </button>
          <button type="button" aria-pressed={mode === 'owner_change'} onClick={() => setMode('owner_change')}>
            Owners and threshold
          </button>
        </div>
        {mode === 'transactions' ? (
          <>
            {parts.map((p, i) => (
              <fieldset key={i} data-testid={`part-${i}`}>
                <legend>
                  Transaction {i + 1}
                  {parts.length > 1 && ' (batched with MultiSend)'}
                </legend>
                <div className="row">
                  <label>
                    Type
                    <select value={p.type} onChange={(e) => update(i, { type: e.target.value as PartDraft['type'] })}>
                      <option value="eth_transfer">Send {native.symbol}</option>
                      <option value="erc20_transfer">Send a token</option>
                      <option value="contract_call">Call a contract</option>
                    </select>
                  </label>
                  {p.type === 'erc20_transfer' && (
                    <label>
                      Token
                      <select
                        value={p.token || tokens[0]?.address || ''}
                        onChange={(e) => update(i, { token: e.target.value })}
                      >
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
                      onChange={(e) => update(i, { to: e.target.value })}
                      placeholder="0x…"
                      required
                    />
                  </label>
                  {p.type !== 'contract_call' ? (
                    <label>
                      Amount (
                      {p.type === 'eth_transfer'
                        ? native.symbol
                        : (tokens.find((t) => t.address === p.token) ?? tokens[0])?.symbol}
                      )
                      <input
                        value={p.amount}
                        onChange={(e) => update(i, { amount: e.target.value })}
                        inputMode="decimal"
                        required
                      />
                    </label>
                  ) : (
                    <label>
                      Value ({native.symbol})
                      <input
                        value={p.value}
                        onChange={(e) => update(i, { value: e.target.value })}
                        inputMode="decimal"
                      />
                    </label>
                  )}
                </div>
                {p.type === 'contract_call' && (
                  <>
                    <div className="row">
                      <label className="check">
                        <input
                          type="radio"
                          name={`mode-${i}`}
                          checked={p.mode === 'abi'}
                          onChange={() => update(i, { mode: 'abi' })}
                        />{' '}
                        ABI and arguments
                      </label>
                      <label className="check">
                        <input
                          type="radio"
                          name={`mode-${i}`}
                          checked={p.mode === 'raw'}
                          onChange={() => update(i, { mode: 'raw' })}
                        />{' '}
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
                            onChange={(e) => update(i, { abi: e.target.value })}
                          />
                        </label>
                        <label>
                          Function
                          <input value={p.method} onChange={(e) => update(i, { method: e.target.value })} />
                        </label>
                        <label className="grow">
                          Arguments, one per line (arrays and tuples as JSON)
                          <textarea
                            className="mono"
                            rows={3}
                            value={p.args}
                            onChange={(e) => update(i, { args: e.target.value })}
                          />
                        </label>
                      </div>
                    ) : (
                      <label>
                        Data
                        <textarea
                          className="mono"
                          rows={3}
                          value={p.data}
                          onChange={(e) => update(i, { data: e.target.value })}
                          placeholder="0x…"
                        />
                      </label>
                    )}
                  </>
                )}
                {parts.length > 1 && (
                  <button type="button" onClick={() => setParts(parts.filter((_, k) => k !== i))}>
                    Remove transaction {i + 1}
                  </button>
                )}
              </fieldset>
            ))}
            <button type="button" onClick={() => setParts([...parts, emptyPart()])}>
              Add a transaction
            </button>
          </>
        ) : (
          <fieldset>
            <legend>Owners and threshold</legend>
            <p className="muted small">
              Now: {overview?.threshold} of {overview?.owners.length} owners.
            </p>
            <div className="row">
              <label>
                Change
                <select
                  value={owner.change}
                  onChange={(e) => setOwner({ ...owner, change: e.target.value as OwnerDraft['change'] })}
                >
                  <option value="add_owner">Add an owner</option>
                  <option value="remove_owner">Remove an owner</option>
                  <option value="swap_owner">Replace an owner</option>
                  <option value="change_threshold">Change the threshold</option>
                </select>
              </label>
              {(owner.change === 'remove_owner' || owner.change === 'swap_owner') && (
                <label>
                  Owner
                  <select value={owner.owner} onChange={(e) => setOwner({ ...owner, owner: e.target.value })}>
                    <option value="">Choose…</option>
                    {overview?.owners.map((o) => (
                      <option key={o} value={o}>
                        {labels[o] ?? o}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {(owner.change === 'add_owner' || owner.change === 'swap_owner') && (
                <label className="grow">
                  New owner
                  <input
                    className="mono"
                    value={owner.newOwner}
                    onChange={(e) => setOwner({ ...owner, newOwner: e.target.value })}
                  />
                </label>
              )}
              {owner.change !== 'swap_owner' && (
                <label>
                  New threshold
                  <input
                    value={owner.threshold}
                    onChange={(e) => setOwner({ ...owner, threshold: e.target.value })}
                    inputMode="numeric"
                  />
                </label>
              )}
            </div>
          </fieldset>
        )}
        <ErrorNote error={error} testId="form-error" />
        <div className="row">
          <button className="primary" type="submit" disabled={saving || !target}>
            {saving ? 'Saving…' : draft ? 'Save draft' : 'Propose'}
          </button>
        </div>
      </form>
    </section>
  )
}
