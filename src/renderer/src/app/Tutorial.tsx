import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { errorMessage, useWorkspaceInfo } from '../data'
import {
  tutorialDismiss,
  tutorialSeen,
  tutorialStart,
  tutorialUseDemoSigners,
  useTutorialState,
} from '../features/workspace'
import type { TutorialState, TutorialStepId } from '../../../shared/contract'

/** How often the panel re-reads the workspace while the tutorial runs: steps advance from the real state. */
const POLL_MS = 1500

interface StepText {
  title: string
  what: (t: TutorialState) => ReactNode
  why: string
  link?: (t: TutorialState) => { href: string; text: string } | null
}

const signer = (t: TutorialState, i: number) => t.demo?.signers[i]?.label ?? `demo signer ${i + 1}`

const STEPS: Record<TutorialStepId, StepText> = {
  signers: {
    title: 'Load the demo signers',
    what: (t) => (
      <>
        The demo Safe has three owners: {t.demo?.signers.map((s) => s.label).join(', ')}. Load their keys into this
        sandbox workspace with the button below. Their keystores are encrypted with the demo passphrase{' '}
        <code>{t.demoPassphrase}</code> (sandbox only).
      </>
    ),
    why: 'On a real treasury each owner keeps their own key, on their own machine. These are public test keys: they exist only on this sandbox chain.',
  },
  create: {
    title: 'Create a proposal',
    what: (t) => (
      <>
        Open the new proposal form. Title: <q>Tutorial payment</q>. Keep the first type (<q>Send</q> the sandbox chain's
        coin), recipient {t.demo?.recipient.label}: <code className="mono">{t.demo?.recipient.address}</code>, amount{' '}
        <q>1</q>. Then press Propose.
      </>
    ),
    why: 'A proposal is a Safe transaction with its purpose written down. Nothing moves until enough owners sign and someone executes it.',
    link: () => ({ href: '#/proposals/new', text: 'Open the new proposal form' }),
  },
  sign1: {
    title: 'Sign as the first owner',
    what: (t) => (
      <>
        On the proposal, press <q>Sign with {signer(t, 0)}</q>.
      </>
    ),
    why: 'A signature is an EIP-712 signature over the transaction hash: free, off chain, and checked by the Safe only at execution.',
    link: (t) =>
      t.proposalId ? { href: `#/proposals/${t.proposalId}`, text: `Open proposal #${t.proposalId}` } : null,
  },
  sign2: {
    title: 'Sign as the second owner',
    what: (t) => (
      <>
        Press <q>Sign with {signer(t, 1)}</q>. The Safe needs 2 of its 3 owners: the proposal is then ready.
      </>
    ),
    why: 'The threshold protects the treasury: one lost or stolen key cannot move funds alone.',
    link: (t) =>
      t.proposalId ? { href: `#/proposals/${t.proposalId}`, text: `Open proposal #${t.proposalId}` } : null,
  },
  execute: {
    title: 'Execute',
    what: () => (
      <>
        Press <q>Execute</q>. One transaction hands both signatures to the Safe, which checks them and sends the
        payment.
      </>
    ),
    why: 'Executing costs gas, paid by the unlocked key you choose. Anyone may execute once the threshold is met.',
    link: (t) =>
      t.proposalId ? { href: `#/proposals/${t.proposalId}`, text: `Open proposal #${t.proposalId}` } : null,
  },
  history: {
    title: 'See it in History',
    what: () => <>Open History: the executed proposal is listed with its status.</>,
    why: 'History keeps every proposal that left the queue: executed, failed, replaced or cancelled.',
    link: () => ({ href: '#/history', text: 'Open History' }),
  },
  audit: {
    title: 'Find it in the Audit trail',
    what: () => (
      <>Open the Audit trail: the proposal&apos;s creation, both signatures and the execution are events there.</>
    ),
    why: 'Every change is an event chained by SHA-256 to the one before: editing any of them breaks the chain, and the app says so.',
    link: () => ({ href: '#/audit', text: 'Open the Audit trail' }),
  },
}

/** The sandbox tutorial's panel: one proposal from creation to execution with the demo signers. */
export function Tutorial({ page }: { page: string }) {
  const isSandbox = useWorkspaceInfo()?.chain?.isSandbox ?? false
  // Read on the sandbox only; polled while it runs (each step is read from the workspace).
  const query = useTutorialState(isSandbox, POLL_MS)
  const tutorial = query.data ?? null
  const [actionError, setActionError] = useState<string | null>(null)
  const error = actionError ?? (query.error ? errorMessage(query.error) : null)
  const act = useCallback(async (work: () => Promise<unknown>) => {
    try {
      await work()
      setActionError(null)
    } catch (e) {
      setActionError(errorMessage(e))
    }
  }, [])
  const startTutorial = () => act(() => tutorialStart({}))
  const dismiss = () => act(() => tutorialDismiss({}))
  const seen = useCallback((page: 'history' | 'audit') => act(() => tutorialSeen({ page })), [act])
  const loadDemoSigners = () => act(() => tutorialUseDemoSigners({}))
  const [busy, setBusy] = useState(false)
  const [closedDone, setClosedDone] = useState(false)
  const [copied, setCopied] = useState(false)
  const active = tutorial?.status === 'active'
  const title = useRef<HTMLHeadingElement>(null)

  // When the tutorial starts (or resumes), the keyboard focus moves to it: its next Tab is the step's action.
  useEffect(() => {
    if (active && document.activeElement === document.body) title.current?.focus()
  }, [active])

  // Steps 6 and 7 are about seeing the result: opening those pages after the execution is the step.
  const current = tutorial?.current
  useEffect(() => {
    if (!active || tutorial?.proposalStatus !== 'executed') return
    if (page === 'history' && current === 'history') void seen('history')
    if (page === 'audit' && current === 'audit') void seen('audit')
  }, [active, page, current, tutorial?.proposalStatus, seen])

  if (!tutorial?.available || !isSandbox) return null

  if (tutorial.status === 'dismissed')
    return (
      <aside className="tutorial collapsed" aria-label="Tutorial">
        <button type="button" onClick={() => void startTutorial()}>
          Resume the tutorial
        </button>
      </aside>
    )
  if (tutorial.status === 'done')
    return closedDone ? null : (
      <aside className="tutorial" aria-labelledby="tutorial-title" data-testid="tutorial">
        <h2 id="tutorial-title">Tutorial complete</h2>
        <p role="status" data-testid="tutorial-status">
          You took one proposal from creation to execution with two of three signatures. That is the whole loop of a
          Safe treasury.
        </p>
        <button type="button" onClick={() => setClosedDone(true)}>
          Close the tutorial
        </button>
      </aside>
    )
  if (!active) return null

  const doneCount = tutorial.steps.filter((s) => s.done).length
  const step = current ? STEPS[current] : null
  const link = step?.link?.(tutorial) ?? null
  const index = tutorial.steps.findIndex((s) => s.id === current)
  return (
    <aside className="tutorial" aria-labelledby="tutorial-title" data-testid="tutorial">
      <div className="row tutorial-head">
        <h2 id="tutorial-title" ref={title} tabIndex={-1}>
          Sandbox tutorial
        </h2>
        <progress max={tutorial.steps.length} value={doneCount} aria-label="Tutorial progress">
          {doneCount} of {tutorial.steps.length}
        </progress>
        <button type="button" onClick={() => void dismiss()}>
          Hide the tutorial
        </button>
      </div>
      <ol className="tutorial-steps">
        {tutorial.steps.map((s, i) => (
          <li key={s.id} className={s.done ? 'done' : s.id === current ? 'current' : undefined}>
            {i + 1}. {s.done ? '✓ ' : ''}
            {STEPS[s.id].title}
            <span className="sr-only">{s.done ? ' (done)' : s.id === current ? ' (current step)' : ''}</span>
          </li>
        ))}
      </ol>
      {step && (
        <div className="tutorial-step" data-testid="tutorial-step" data-step={current}>
          <h3 aria-live="polite">
            Step {index + 1} of {tutorial.steps.length}: {step.title}
          </h3>
          <p>{step.what(tutorial)}</p>
          <p className="muted small">Why: {step.why}</p>
          <div className="row">
            {current === 'signers' && (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={async () => {
                  setBusy(true)
                  await loadDemoSigners()
                  setBusy(false)
                }}
              >
                {busy ? 'Loading the demo signers…' : 'Use the demo signers'}
              </button>
            )}
            {link && <a href={link.href}>{link.text}</a>}
            {current === 'create' && tutorial.demo && (
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(tutorial.demo!.recipient.address)
                    .then(() => setCopied(true))
                    .catch(() => setCopied(false))
                }
              >
                Copy the address of {tutorial.demo.recipient.label}
              </button>
            )}
            {copied && current === 'create' && (
              <span role="status" className="ok small">
                Copied.
              </span>
            )}
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </aside>
  )
}
