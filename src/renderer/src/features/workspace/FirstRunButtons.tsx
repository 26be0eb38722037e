import type { ReactNode } from 'react'

/** A first-run step's two buttons: one goes on (submits the step's form), the other goes back (or skips it for later). */
export function StepButtons({
  busy,
  needs,
  go,
  back,
  onBack,
}: {
  busy: boolean
  /** The texts the step needs: submitting waits until each is filled in. */
  needs: string[]
  go: ReactNode
  back: ReactNode
  onBack(): void
}) {
  return (
    <div className="row">
      <button type="submit" className="primary" disabled={busy || needs.some((text) => text.trim() === '')}>
        {go}
      </button>
      <button type="button" onClick={onBack} disabled={busy}>
        {back}
      </button>
    </div>
  )
}
