/**
 * The first line of an error's message, cut to `max` characters: what a caller or the audit trail shows of a failure
 * from the chain or a library (their messages run on with stacks, calldata and request dumps).
 */
export function firstLine(error: unknown, max = 300): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, max)
}
