import { useState, type FormEvent, type RefObject } from 'react'
import { refreshWorkspaceInfo, useAction, useWorkspaceInfo } from '../../data'
import { restartOnDashboard, useSwitcher } from './state'
import { useWorkspaces } from './queries'
import { ErrorNote, TextInput } from '../../ui'
import { tutorialStart, workspacesCreate, workspacesOpen } from './mutations'
import { ManageWorkspace } from './ManageWorkspace'
import { StepButtons } from './FirstRunButtons'

export interface ViewProps {
  heading: RefObject<HTMLHeadingElement | null>
}

export function ChooseView({
  heading,
  firstRun,
  onNew,
  onOpen,
}: ViewProps & { firstRun: boolean; onNew(): void; onOpen(): void }) {
  const current = useWorkspaceInfo()?.workspace
  const close = useSwitcher((s) => s.hide)
  const restart = restartOnDashboard
  const { busy, error, run } = useAction()

  const trySandbox = () =>
    run(async () => {
      const wasSandbox = current?.kind === 'sandbox'
      await workspacesOpen({ id: 'sandbox' })
      await tutorialStart({})
      if (!wasSandbox) return restart()
      // The same workspace: the tutorial's state (tutorialStart marked it stale) and the workspace are read again.
      await refreshWorkspaceInfo()
      close()
    })

  return (
    <>
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        {firstRun ? 'Welcome to AITBC Treasury' : 'Switch workspace'}
      </h1>
      <p className="muted">
        {firstRun
          ? 'Run a DAO treasury from a Safe multisig. Each workspace keeps its own chain, Safes, keys and audit trail. Choose how to start:'
          : `Open now: ${current?.name ?? 'unknown'}. Each workspace keeps its own chain, Safes, keys and audit trail.`}
      </p>
      <ul className="firstrun-choices plain">
        <li>
          <button type="button" className="primary" onClick={() => void trySandbox()} disabled={busy}>
            Try the sandbox (guided tutorial)
          </button>
          <span className="muted small">
            A private test chain with a demo Safe and three demo signers, new at each start. Nothing real is spent.
          </span>
        </li>
        <li>
          <button type="button" onClick={onNew} disabled={busy}>
            New workspace
          </button>
          <span className="muted small">Name it, connect your chain by its RPC URL, add your Safe.</span>
        </li>
        <li>
          <button type="button" onClick={onOpen} disabled={busy}>
            Open workspace
          </button>
          <span className="muted small">Pick one of the workspaces in this data folder.</span>
        </li>
      </ul>
      {busy && (
        <p role="status" className="muted">
          Starting the sandbox chain and its demo Safe… (a few seconds)
        </p>
      )}
      <ErrorNote error={error} testId="firstrun-error" />
    </>
  )
}

export function NewView({ heading, onBack, onCreated }: ViewProps & { onBack(): void; onCreated(): void }) {
  const [name, setName] = useState('')
  const { busy, error, run } = useAction()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await workspacesCreate({ name })
      await refreshWorkspaceInfo()
      onCreated()
    })
  }
  return (
    <form onSubmit={submit} className="stack" aria-describedby="firstrun-new-help">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        New workspace
      </h1>
      <p id="firstrun-new-help" className="muted">
        Step 1 of 3: a name. Then its chain (RPC URL and chain ID), then its Safe.
      </p>
      <label htmlFor="firstrun-name">Workspace name</label>
      <TextInput
        id="firstrun-name"
        value={name}
        onText={setName}
        maxLength={60}
        required
        autoComplete="off"
        aria-invalid={error ? true : undefined}
      />
      <ErrorNote error={error} testId="firstrun-error" />
      <StepButtons
        busy={busy}
        needs={[name]}
        go={busy ? 'Creating…' : 'Create workspace'}
        back="Back"
        onBack={onBack}
      />
    </form>
  )
}

export function OpenView({ heading, onBack }: ViewProps & { onBack(): void }) {
  const workspaces = useWorkspaces().data
  const current = useWorkspaceInfo()?.workspace?.id
  const close = useSwitcher((s) => s.hide)
  const [opening, setOpening] = useState<string | null>(null)
  const { error, run } = useAction()
  /** Another workspace: the app starts afresh on its dashboard; the one open now: its answers are read again. */
  const openWorkspace = (id: string) =>
    run(async () => {
      await workspacesOpen({ id })
      if (id !== current) return restartOnDashboard()
      await refreshWorkspaceInfo()
      close()
    })
  return (
    <>
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Open workspace
      </h1>
      {!workspaces ? (
        <p role="status" className="muted">
          Loading the workspaces…
        </p>
      ) : (
        <ul className="firstrun-choices plain" aria-label="Workspaces">
          {workspaces.workspaces.map((w) => (
            <li key={w.id}>
              <button
                type="button"
                disabled={opening !== null}
                aria-current={w.id === current ? 'true' : undefined}
                onClick={async () => {
                  setOpening(w.id)
                  await openWorkspace(w.id)
                  setOpening(null)
                }}
              >
                Open {w.name}
              </button>
              <span className="muted small">
                {w.kind === 'sandbox'
                  ? 'Test chain, new at each start'
                  : w.kind === 'main'
                    ? 'The default workspace'
                    : `Created ${w.createdAt?.slice(0, 10) ?? ''}`}
                {w.id === current ? ' · open now' : ''}
              </span>
              {w.kind === 'named' && <ManageWorkspace id={w.id} name={w.name} isOpen={w.id === current} />}
            </li>
          ))}
        </ul>
      )}
      {opening && (
        <p role="status" className="muted">
          Opening the workspace…
        </p>
      )}
      <ErrorNote error={error} testId="firstrun-error" />
      <p>
        <button type="button" onClick={onBack} disabled={opening !== null}>
          Back
        </button>
      </p>
    </>
  )
}
