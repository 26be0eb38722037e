// A council act as members make it (issue 18): the API's request, signed offline by each member's key (as
// `treasury sign` does), submitted in one call. Shared by the integration tests and the e2e specs; it imports no
// test framework.
import { Wallet } from 'ethers'
import { signCouncilAct } from '../../src/main/core/council'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { CouncilActKind, CouncilActView } from '../../src/shared/contract/council'

/** The app's API as a function: a workspace's `call` in the integration tier, the host's API in e2e. */
export type ApiCall = <N extends CallName>(name: N, input: CallInput<N>) => Promise<CallOutput<N>>

/** Returns the act's view (pending or effective). */
export async function submitCouncilAct(
  call: ApiCall,
  kind: CouncilActKind,
  content: unknown,
  keys: Array<{ privateKey: string }>,
): Promise<CouncilActView> {
  const request = await call('council.request', { kind, content })
  const signatures = await Promise.all(
    keys.map(async (k) => {
      const wallet = new Wallet(k.privateKey)
      return { signer: wallet.address, signature: await signCouncilAct(wallet, request) }
    }),
  )
  return call('council.submit', { request, signatures })
}
