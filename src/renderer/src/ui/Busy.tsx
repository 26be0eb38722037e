import { useId } from 'react'

/**
 * Shows that an action is under way: an indeterminate progress bar with a label, announced politely. Use for any
 * call that can take over a second (chain reads, simulations, execution, imports, exports, key unlock).
 */
export function Busy({ label, testId }: { label: string; testId?: string }) {
  const id = useId()
  return (
    <div className="busy" aria-live="polite" data-testid={testId}>
      <progress aria-labelledby={id} />
      <span id={id}>{label}</span>
    </div>
  )
}
