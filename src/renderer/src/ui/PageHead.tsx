import type { ReactNode } from 'react'

/** A page's heading, the sentence that says what the page is for, and the page's own actions beside them. */
export function PageHead({ title, intro, actions }: { title: ReactNode; intro?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-head">
      <div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {actions && <div className="head-actions">{actions}</div>}
    </header>
  )
}
