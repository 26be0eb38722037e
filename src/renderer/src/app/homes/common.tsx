import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { errorMessage } from '../../data/client'
import type { ProposalSummary } from '../../../../shared/contract'
import { humanAmount } from '../../lib/format'
import { go } from '../../lib/route'

export interface Loaded<T> {
  data: T | null
  loading: boolean
  error: string | null
  reload(): Promise<void>
}

/** Runs `load` on mount and on reload; keeps the last good answer while a reload runs. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const latest = useRef(load)
  latest.current = load
  const alive = useRef(true)
  const reload = useCallback(async () => {
    setLoading(true)
    try {
      const value = await latest.current()
      if (alive.current) {
        setData(value)
        setError(null)
      }
    } catch (e) {
      if (alive.current) setError(errorMessage(e))
    } finally {
      if (alive.current) setLoading(false)
    }
  }, [])
  useEffect(() => {
    alive.current = true
    void reload()
    return () => {
      alive.current = false
    }
  }, [reload])
  return { data, loading, error, reload }
}

/** Shown while a card's first answer is on its way (an indeterminate bar: the wait has no known length). */
export function Loading({ what }: { what: string }) {
  return (
    <p className="home-loading">
      <progress aria-label={`Loading ${what}`} /> <span className="muted">Loading {what}…</span>
    </p>
  )
}

/** An error that says what failed and what to do: try again, or go where the details are. */
export function LoadError({ what, error, onRetry }: { what: string; error: string; onRetry(): void }) {
  return (
    <div className="error-box">
      <p className="error">
        {what} could not be loaded: {error}
      </p>
      <button type="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  )
}

/** An empty card that says why it is empty and what to do next. */
export function Empty({ children, action }: { children: ReactNode; action?: { label: string; to: string } }) {
  return (
    <div className="empty home-empty">
      <p>{children}</p>
      {action && <GoButton to={action.to}>{action.label}</GoButton>}
    </div>
  )
}

/** A link styled as a button that moves to a hash route (keyboard: Enter). */
export function GoButton({ to, children, primary }: { to: string; children: ReactNode; primary?: boolean }) {
  return (
    <a
      className={primary ? 'button primary' : 'button'}
      href={`#/${to}`}
      onClick={(e) => {
        e.preventDefault()
        go(to)
      }}
    >
      {children}
    </a>
  )
}

/** A card's reload, busy while its data loads. */
export function ReloadButton({ loading, onReload }: { loading: boolean; onReload(): void }) {
  return (
    <button type="button" onClick={onReload} disabled={loading}>
      {loading ? 'Loading…' : 'Reload'}
    </button>
  )
}

/** What a card shows while its data loads: its reload button, its error (naming what failed) and a loading line. */
export interface CardLoad<T> {
  state: Loaded<T>
  /** What is loading, for the loading line ("open votes"). */
  what: string
  /** Adds a Reload button to the card's head. */
  reload?: boolean
  /** Shows the load's error in this card, naming what could not be loaded. */
  failed?: string
  /** The count in the card's heading, once the data is there. */
  count?(data: T): number
}

export function HomeCard<T>({
  id,
  title,
  count,
  children,
  actions,
  load,
}: {
  id: string
  title: string
  count?: number | null
  children: ReactNode
  actions?: ReactNode
  load?: CardLoad<T>
}) {
  const state = load?.state
  const counted = load?.count && state ? (state.data ? load.count(state.data) : null) : count
  const retry = () => void state?.reload()
  return (
    <article className="card home-card" aria-labelledby={`${id}-h`} data-testid={id}>
      <div className="home-card-head">
        <h2 id={`${id}-h`}>
          {title}
          {counted !== undefined && counted !== null && <span className="count-badge"> {counted}</span>}
        </h2>
        {actions ?? (load?.reload && state && <ReloadButton loading={state.loading} onReload={retry} />)}
      </div>
      {load?.failed && state?.error && <LoadError what={load.failed} error={state.error} onRetry={retry} />}
      {state && !state.data && state.loading && <Loading what={load.what} />}
      {children}
    </article>
  )
}

/** One entry of a home list: its title with a note beside it, lines of detail, and the one action it asks for. */
export function HomeItem({
  title,
  note,
  children,
  action,
}: {
  title: ReactNode
  note: ReactNode
  children: ReactNode
  action: ReactNode
}) {
  return (
    <li className="home-item">
      <div className="home-item-main">
        <p className="home-item-title">
          <strong>{title}</strong> <span className="muted small">{note}</span>
        </p>
        {children}
      </div>
      {action}
    </li>
  )
}

export function outflowText(p: ProposalSummary): string {
  if (p.outflows.length === 0) return p.kind === 'owner_change' ? 'owner change, no funds move' : 'no funds move'
  return p.outflows.map((o) => `${humanAmount(o.amount, o.decimals)} ${o.symbol}`).join(' + ')
}

/** A proposal in a home list: title and nonce, what it moves and its signatures, and the one thing to do with it. */
export function ProposalItem({
  p,
  act,
  extra,
  children,
}: {
  p: ProposalSummary
  act: string
  extra?: ReactNode
  children?: ReactNode
}) {
  const action = (
    <GoButton to={`proposals/${p.id}`} primary>
      {act} “{p.title}”
    </GoButton>
  )
  return (
    <HomeItem title={p.title} note={`#${p.nonce}`} action={action}>
      <p className="small">
        {outflowText(p)} · {p.signatureCount} of {p.threshold} signatures
        {extra}
      </p>
      {children}
    </HomeItem>
  )
}
