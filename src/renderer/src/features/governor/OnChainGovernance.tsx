import { Busy, ErrorNote } from '../../ui'
import { errorInfo } from '../../data'
import { useGovernors, useWorkspaceChain } from './queries'
import { ConnectGovernor } from './ConnectGovernor'
import { GovernorCard } from './GovernorCard'

/**
 * On-chain proposals beside the off-chain ones: an OpenZeppelin Governor whose passed proposals the timelock
 * executes, through the Safe's module when it drives a Safe. They bind: nobody signs after the vote.
 */
export function OnChainGovernance() {
  const governors = useGovernors()
  const info = useWorkspaceChain()
  const sandbox = info.data?.chain?.isSandbox === true
  if (!info.data?.chain) return null
  return (
    <section className="stack" aria-labelledby="onchain-h" data-testid="onchain-governance">
      <h2 id="onchain-h">On-chain proposals (Governor · binding)</h2>
      <p className="muted">
        Off-chain proposals above are signed votes: a passed spending proposal becomes a draft Safe transaction that the
        signers still sign. On-chain proposals are decided by the Governor contract and executed by its timelock after
        the delay, on the Safe through its module; the signers keep a veto while it waits.
      </p>
      {governors.isLoading && <Busy label="Reading Governors…" />}
      <ErrorNote error={governors.error ? errorInfo(governors.error) : null} />
      {(governors.data ?? []).map((g) => (
        <GovernorCard key={g.address} governor={g} sandbox={sandbox} />
      ))}
      {governors.data && governors.data.length === 0 && <ConnectGovernor sandbox={sandbox} />}
    </section>
  )
}
