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

/** A chain's name by its id. */
export function ChainName({ chainId }: { chainId: number }) {
  return <>{useChainName()(chainId)}</>
}
