import type { CallInput, CallName, CallOutput } from '../../../shared/contract'
import { call } from './client'
import { callKey, capabilityOf, invalidateCapabilities, type Capability } from './keys'
import { createQueryClient } from './queries'

/** The app's one query cache; main.tsx provides it to React, the functions below use it outside components. */
export const queryClient = createQueryClient()

/**
 * One write outside a hook (a step of a flow, a module-level loader): the call, then its capability's cached
 * answers (and `invalidates`) are marked stale. Features wrap it per call in their mutations module.
 */
export async function send<N extends CallName>(
  name: N,
  input: CallInput<N>,
  invalidates: readonly Capability[] = [],
): Promise<CallOutput<N>> {
  const output = await call(name, input)
  void invalidateCapabilities(queryClient, [capabilityOf(name), ...invalidates])
  return output
}

/** A write as a plain function of its input: `send` of this call, marking `invalidates` stale as well. */
export function sender<N extends CallName>(name: N, invalidates: readonly Capability[] = []) {
  return (input: CallInput<N>): Promise<CallOutput<N>> => send(name, input, invalidates)
}

/** One read outside a hook, through the cache (always fetched fresh, so the answer is current). */
export function read<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  return queryClient.fetchQuery({ queryKey: callKey(name, input), queryFn: () => call(name, input), staleTime: 0 })
}
