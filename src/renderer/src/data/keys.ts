import type { QueryClient, QueryKey } from '@tanstack/react-query'
import type { CallInput, CallName } from '../../../shared/contract'

/** The capability a call belongs to: the part of its name before the dot (`budgets.overview` → `budgets`). */
export type Capability = CallName extends `${infer C}.${string}` ? C : never

export function capabilityOf(name: CallName): Capability {
  return name.slice(0, name.indexOf('.')) as Capability
}

/** Every cached answer is keyed capability first, so one capability's answers are invalidated together. */
export function callKey<N extends CallName>(name: N, input: CallInput<N>): QueryKey {
  return [capabilityOf(name), name, input ?? {}]
}

/** Marks every cached answer of these capabilities stale; the ones on screen refetch at once. */
export async function invalidateCapabilities(client: QueryClient, capabilities: readonly Capability[]): Promise<void> {
  await Promise.all(capabilities.map((capability) => client.invalidateQueries({ queryKey: [capability] })))
}
