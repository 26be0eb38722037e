import { useState, type FormEvent } from 'react'
import { parseUnits } from 'ethers'
import { ErrorNote, Options, TextInput } from '../../ui'
import type { GovernorView } from '../../../../shared/contract/governor'
import { useCallQuery } from '../../data'
import { usePropose } from './mutations'
import { ProposeBatchForm } from './ProposeBatchForm'

type ProposalKind = 'transfer' | 'batch'

/** What an on-chain proposal pays from the Safe: a token transfer, or a grant's draft disbursement batch. */
export function ProposeForm({ governor: g, proposer }: { governor: GovernorView; proposer: string }) {
  const [kind, setKind] = useState<ProposalKind>('transfer')
  if (!g.safe) return null
  return (
    <div className="stack">
      <label>
        The proposal pays
        <select value={kind} onChange={(e) => setKind(e.target.value as ProposalKind)}>
          <option value="transfer">a token transfer</option>
          <option value="batch">a grant’s disbursement batch</option>
        </select>
      </label>
      {kind === 'transfer' ? (
        <ProposeTransferForm governor={g} proposer={proposer} />
      ) : (
        <ProposeBatchForm governor={g} proposer={proposer} />
      )}
    </div>
  )
}

/** A token transfer from the Safe as an on-chain proposal (the same builder as a Safe proposal's transfer). */
function ProposeTransferForm({ governor: g, proposer }: { governor: GovernorView; proposer: string }) {
  const tokens = useCallQuery('tokens.list', { chainId: g.chainId })
  const propose = usePropose()
  const [token, setToken] = useState('')
  const [to, setTo] = useState('')
  const [amount, setAmount] = useState('')
  const [description, setDescription] = useState('')
  const list = (tokens.data?.tokens ?? []).filter((t) => !t.hidden)
  const chosen = list.find((t) => t.address === token) ?? list[0]
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void propose.run(() => {
      if (!chosen) throw new Error('Add a token to the workspace first.')
      let base: bigint
      try {
        base = parseUnits(amount.trim().replace(/,/g, ''), chosen.decimals)
      } catch {
        throw new Error(`"${amount}" is not an amount of ${chosen.symbol}.`)
      }
      return {
        governor: g.address,
        proposer,
        description,
        parts: [{ type: 'erc20_transfer', token: chosen.address, to: to.trim(), amount: base.toString() }],
      }
    })
  }
  return (
    <form className="stack" onSubmit={submit} aria-label="New on-chain proposal">
      <h3>New on-chain proposal: pay from the Safe</h3>
      <label>
        Token
        <select value={chosen?.address ?? ''} onChange={(e) => setToken(e.target.value)}>
          <Options options={list.map((t) => ({ value: t.address, label: t.symbol }))} />
        </select>
      </label>
      <TextInput label="Recipient" value={to} onText={setTo} required placeholder="0x…" spellCheck={false} />
      <TextInput label="Amount" value={amount} onText={setAmount} required inputMode="decimal" />
      <label>
        Description (its first line is the title)
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} required rows={3} />
      </label>
      <ErrorNote error={propose.error} />
      {propose.data && (
        <p role="status" className="banner ok" data-testid="governor-proposed">
          Proposed on chain: proposal {propose.data.proposalId.slice(0, 12)}… is {propose.data.state}.
        </p>
      )}
      <button type="submit" disabled={propose.busy}>
        Propose on chain
      </button>
    </form>
  )
}
