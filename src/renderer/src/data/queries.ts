import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import type { CallInput, CallName, CallOutput } from '../../../shared/contract'
import { call } from './client'
import { errorInfo, type ShownError } from './errors'
import { callKey, capabilityOf, invalidateCapabilities, type Capability } from './keys'

/** One client for the app: the main process is the source of truth, so answers are refetched, never retried blind. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 1_000 },
      mutations: { retry: false },
    },
  })
}

export interface CallQueryOptions<T = unknown> {
  /** False while an input the call needs (an id, a period) is not chosen yet. */
  enabled?: boolean
  /** Polling: a period in ms, or a function of the latest answer (false stops polling, e.g. once a job is done). */
  refetchInterval?: number | ((data: T | undefined) => number | false)
  /** How long an answer stays fresh (a costly check: until its capability is invalidated or it is refetched). */
  staleTime?: number
}

/** A typed query for one API call; its data is the call's output, its error an ApiError. */
export function useCallQuery<N extends CallName>(
  name: N,
  input: CallInput<N>,
  options: CallQueryOptions<CallOutput<N>> = {},
): UseQueryResult<CallOutput<N>, Error> {
  return useQuery({
    queryKey: callKey(name, input),
    queryFn: () => call(name, input),
    enabled: options.enabled ?? true,
    refetchInterval:
      typeof options.refetchInterval === 'function'
        ? (query) => (options.refetchInterval as (data: CallOutput<N> | undefined) => number | false)(query.state.data)
        : options.refetchInterval,
    staleTime: options.staleTime,
  })
}

export interface CallMutationOptions {
  /** Capabilities whose answers this call changes, besides its own. */
  invalidates?: readonly Capability[]
}

export interface CallMutation<N extends CallName> {
  busy: boolean
  error: ShownError | null
  /**
   * Runs the call once. The input may be computed in a function: what it throws (an amount that does not parse)
   * shows as the error like the API's own. Resolves to the output, or undefined when it failed.
   */
  run(input: CallInput<N> | (() => CallInput<N> | Promise<CallInput<N>>)): Promise<CallOutput<N> | undefined>
  clear(): void
  data: CallOutput<N> | undefined
}

/** A typed mutation for one API call; on success the call's own capability and `invalidates` are refetched. */
export function useCallMutation<N extends CallName>(name: N, options: CallMutationOptions = {}): CallMutation<N> {
  const client = useQueryClient()
  const mutation = useMutation<CallOutput<N>, Error, () => CallInput<N> | Promise<CallInput<N>>>({
    mutationFn: async (makeInput) => call(name, await makeInput()),
    onSuccess: () => invalidateCapabilities(client, [capabilityOf(name), ...(options.invalidates ?? [])]),
  })
  return {
    busy: mutation.isPending,
    error: mutation.error ? errorInfo(mutation.error) : null,
    data: mutation.data,
    clear: mutation.reset,
    async run(input) {
      const makeInput = typeof input === 'function' ? input : () => input
      try {
        return await mutation.mutateAsync(makeInput as () => CallInput<N>)
      } catch {
        return undefined
      }
    },
  }
}
