import type { Outflow, ProposalAction, ProposalKind, ProposalStatus } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { AddressLabel } from '../addressbook'
import { useNative } from '../tokens'

export const STATUS_LABEL: Record<ProposalStatus, string> = {
  draft: 'Draft',
  awaiting_signatures: 'Awaiting signatures',
  ready: 'Ready',
  executed: 'Executed',
  failed: 'Failed',
  replaced: 'Replaced',
  cancelled: 'Cancelled',
}

export const KIND_LABEL: Record<ProposalKind, string> = {
  eth_transfer: 'Native coin transfer',
  erc20_transfer: 'Token transfer',
  contract_call: 'Contract call',
  batch: 'Batch',
  owner_change: 'Owners / threshold',
  rejection: 'Rejection',
}

export function StatusChip({ status }: { status: ProposalStatus }) {
  return (
    <span className={`chip status-${status}`} data-testid="status">
      {STATUS_LABEL[status]}
    </span>
  )
}

/** Grouped to 6 decimals, but a non-zero amount never reads as 0. */
function smallAmount(amount: string, decimals: number): string {
  const text = humanAmount(amount, decimals)
  return text === '0' && BigInt(amount) > 0n ? '< 0.000001' : text
}

export function Outflows({ outflows }: { outflows: Outflow[] }) {
  if (!outflows.length) return <span className="muted">—</span>
  return (
    <span className="outflows">
      {outflows.map((o) => (
        <span key={o.token ?? 'native'} className="mono" title={`${o.amount} base units`}>
          {smallAmount(o.amount, o.decimals)} {o.symbol}
        </span>
      ))}
    </span>
  )
}

const CHANGE_LABEL = {
  add_owner: 'Add owner',
  remove_owner: 'Remove owner',
  swap_owner: 'Replace owner',
  change_threshold: 'Change threshold',
} as const

/** One decoded action, as a signer needs to read it before signing. */
export function ActionLine({ action }: { action: ProposalAction }) {
  const native = useNative()
  switch (action.type) {
    case 'eth_transfer':
    case 'erc20_transfer': {
      const { decimals, symbol } = action.type === 'eth_transfer' ? native : action
      return (
        <span>
          Send{' '}
          <strong className="mono">
            {humanAmount(action.amount, decimals, decimals)} {symbol}
          </strong>{' '}
          to <AddressLabel address={action.to} />
        </span>
      )
    }
    case 'contract_call':
      return (
        <span>
          Call <AddressLabel address={action.to} />{' '}
          {action.method ? (
            <code>{action.method}</code>
          ) : (
            <span className="muted">with raw data ({(action.data.length - 2) / 2} bytes)</span>
          )}
          {action.value !== '0' && (
            <>
              {' '}
              sending {humanAmount(action.value, native.decimals, native.decimals)} {native.symbol}
            </>
          )}
          {action.args && action.args.length > 0 && (
            <ul className="args">
              {action.args.map((a, i) => (
                <li key={i}>
                  <span className="muted">
                    {a.name} ({a.type}):
                  </span>{' '}
                  <span className="mono">{a.value}</span>
                </li>
              ))}
            </ul>
          )}
        </span>
      )
    case 'owner_change':
      return (
        <span>
          {CHANGE_LABEL[action.change]}
          {action.owner && (
            <>
              {' '}
              <AddressLabel address={action.owner} />
            </>
          )}
          {action.newOwner && (
            <>
              {' '}
              → <AddressLabel address={action.newOwner} />
            </>
          )}
          {action.threshold !== null && <>; threshold becomes {action.threshold}</>}
        </span>
      )
    case 'rejection':
      return <span>Reject: use nonce {action.nonce} up with a transaction that does nothing</span>
  }
}
