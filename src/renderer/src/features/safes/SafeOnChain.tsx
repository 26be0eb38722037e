import { AddressCell } from '../../ui'
import { AddressLabel } from '../addressbook'
import { useChainName } from './queries'

/** Which Safe on which chain: a workspace may hold several Safes on several chains, so a list row names both. */
export function SafeOnChain({ chainId, address }: { chainId: number; address: string }) {
  const chainName = useChainName()
  return (
    <span className="safe-on-chain" data-chain-id={chainId}>
      <AddressLabel address={address} /> <span className="muted small">on {chainName(chainId)}</span>
    </span>
  )
}

/**
 * The same, with the name and chain already looked up: a long list reads labels and chains once for all its rows
 * instead of each row subscribing to them as it mounts (the 10,000-row queue).
 */
export function SafeOnChainCell(props: { chainId: number; chainName: string; address: string; label?: string }) {
  return (
    <span className="safe-on-chain" data-chain-id={props.chainId}>
      <AddressCell address={props.address} label={props.label} />{' '}
      <span className="muted small">on {props.chainName}</span>
    </span>
  )
}

/** A chain's name by its id. */
export function ChainName({ chainId }: { chainId: number }) {
  return <>{useChainName()(chainId)}</>
}
