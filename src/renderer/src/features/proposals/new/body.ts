import { parseUnits } from 'ethers'
import type { UseFormReturn } from 'react-hook-form'
import type { CallInput, ProposalPartInput, SafeOverview } from '../../../../../shared/contract'

// What the new-proposal form holds as typed, and how it becomes the call's `body` (amounts in base units).

export type PartDraft = {
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

export const emptyPart = (): PartDraft => ({
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

export type OwnerDraft = {
  change: 'add_owner' | 'remove_owner' | 'swap_owner' | 'change_threshold'
  owner: string
  newOwner: string
  threshold: string
}

export type TokenBalance = SafeOverview['balances'][number]
type Body = CallInput<'proposals.create'>['body']

/** Everything the new-proposal form holds, as typed. */
export type ProposalDraft = {
  safe: string
  title: string
  description: string
  category: string
  budgetLineId: string
  grantLink: string
  nonce: string
  draft: boolean
  mode: 'transactions' | 'owner_change'
  parts: PartDraft[]
  owner: OwnerDraft
}

/** The new-proposal form: its values as typed, checked by the `proposals.create` schema. */
export type ProposalForm = UseFormReturn<ProposalDraft, unknown, CallInput<'proposals.create'>>

export const emptyProposal = (): ProposalDraft => ({
  safe: '',
  title: '',
  description: '',
  category: '',
  budgetLineId: '',
  grantLink: '',
  nonce: '',
  draft: false,
  mode: 'transactions',
  parts: [emptyPart()],
  owner: { change: 'add_owner', owner: '', newOwner: '', threshold: '' },
})

/** The form's values as the `proposals.create` input; `safe` is the Safe chosen, or the workspace's own. */
export function createInput(
  v: ProposalDraft,
  safe: string,
  tokens: TokenBalance[],
  native: { decimals: number },
): CallInput<'proposals.create'> {
  return {
    safe,
    title: v.title,
    description: v.description || undefined,
    category: v.category || null,
    budgetLineId: v.budgetLineId || null,
    grantLink: v.grantLink || null,
    nonce: v.nonce.trim() === '' ? undefined : Number(v.nonce),
    draft: v.draft,
    body: v.mode === 'owner_change' ? ownerChangeBody(v.owner) : transactionsBody(v.parts, tokens, native),
  }
}

export function toUnits(text: string, decimals: number, label: string): string {
  try {
    const v = parseUnits(text.trim(), decimals)
    if (v < 0n) throw new Error()
    return v.toString()
  } catch {
    throw new Error(`${label}: "${text}" is not an amount with at most ${decimals} decimals`)
  }
}

export function ownerChangeBody(owner: OwnerDraft): Body {
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

export function transactionsBody(parts: PartDraft[], tokens: TokenBalance[], native: { decimals: number }): Body {
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
