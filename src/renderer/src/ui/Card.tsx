import { useId, type ReactNode } from 'react'

/** A titled panel: an `<article class="card">` named by its heading, as every page lays out its parts. */
export function Card({
  title,
  children,
  testId,
  headingId,
  className,
  actions,
}: {
  title: ReactNode
  children: ReactNode
  testId?: string
  /** A fixed id for the heading where a test or a link refers to it; a generated one otherwise. */
  headingId?: string
  className?: string
  /** Buttons beside the heading. */
  actions?: ReactNode
}) {
  const generated = useId()
  const id = headingId ?? generated
  return (
    <article className={className ? `card ${className}` : 'card'} aria-labelledby={id} data-testid={testId}>
      {actions ? (
        <div className="card-head">
          <h2 id={id}>{title}</h2>
          <div className="head-actions">{actions}</div>
        </div>
      ) : (
        <h2 id={id}>{title}</h2>
      )}
      {children}
    </article>
  )
}
