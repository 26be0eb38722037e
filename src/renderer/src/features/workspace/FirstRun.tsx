import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { useApp } from '../../store'
import { useAction } from '../../data'
import { ErrorNote } from '../../ui'
import { chainConnect, safeAdd, tutorialStart, workspacesCreate, workspacesOpen } from './mutations'

type View = 'choose' | 'new' | 'chain' | 'safe' | 'open'

/**
 * The welcome on a first run, and the workspace chooser afterwards ("Switch workspace"): try the sandbox with its
 * tutorial, create a workspace (then its chain and Safe), or open one. A modal dialog, keyboard-operable.
 */
export function FirstRun() {
  const open = useApp((s) => s.switcherOpen)
  const workspace = useApp((s) => s.workspace)
  // The page behind is inert while the dialog is open: Tab stays in the dialog, nothing behind can be clicked.
  useEffect(() => {
    const shell = document.querySelector('.shell')
    if (!open || !workspace || !shell) return
    shell.setAttribute('inert', '')
    return () => shell.removeAttribute('inert')
  }, [open, workspace])
  if (!open || !workspace) return null
  return createPortal(<Chooser firstRun={workspace.firstRun} />, document.body)
}

function Chooser({ firstRun }: { firstRun: boolean }) {
  const [view, setView] = useState<View>('choose')
  const close = useApp((s) => s.closeSwitcher)
  const restart = useApp((s) => s.restartOnDashboard)
  const heading = useRef<HTMLHeadingElement>(null)

  // Each view starts with its heading focused, so a keyboard or screen-reader user knows where they are.
  useEffect(() => heading.current?.focus(), [view])

  const canClose = !firstRun && (view === 'choose' || view === 'open')
  return (
    <div
      className="firstrun-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && canClose) close()
      }}
    >
      <section role="dialog" aria-modal="true" aria-labelledby="firstrun-title" className="firstrun-dialog card">
        {view === 'choose' && (
          <ChooseView
            heading={heading}
            firstRun={firstRun}
            onNew={() => setView('new')}
            onOpen={() => setView('open')}
          />
        )}
        {view === 'new' && (
          <NewView heading={heading} onBack={() => setView('choose')} onCreated={() => setView('chain')} />
        )}
        {view === 'chain' && <ChainView heading={heading} onDone={() => setView('safe')} onSkip={restart} />}
        {view === 'safe' && <SafeView heading={heading} onDone={restart} />}
        {view === 'open' && <OpenView heading={heading} onBack={() => setView('choose')} />}
        {canClose && (
          <p className="firstrun-close">
            <button type="button" onClick={close}>
              Close
            </button>
          </p>
        )}
      </section>
    </div>
  )
}

interface ViewProps {
  heading: RefObject<HTMLHeadingElement | null>
}

function ChooseView({
  heading,
  firstRun,
  onNew,
  onOpen,
}: ViewProps & { firstRun: boolean; onNew(): void; onOpen(): void }) {
  const current = useApp((s) => s.workspace?.workspace)
  const workspaceError = useApp((s) => s.workspaceError)
  const loadWorkspace = useApp((s) => s.loadWorkspace)
  const loadTutorial = useApp((s) => s.loadTutorial)
  const close = useApp((s) => s.closeSwitcher)
  const restart = useApp((s) => s.restartOnDashboard)
  const { busy, error, run } = useAction()

  const trySandbox = () =>
    run(async () => {
      const wasSandbox = current?.kind === 'sandbox'
      await workspacesOpen({ id: 'sandbox' })
      await tutorialStart({})
      if (!wasSandbox) return restart()
      await Promise.all([loadWorkspace(), loadTutorial()])
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
      <ErrorNote error={error ?? (workspaceError ? { message: workspaceError } : null)} testId="firstrun-error" />
    </>
  )
}

function NewView({ heading, onBack, onCreated }: ViewProps & { onBack(): void; onCreated(): void }) {
  const [name, setName] = useState('')
  const { busy, error, run } = useAction()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await workspacesCreate({ name })
      await useApp.getState().loadWorkspace()
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
      <input
        id="firstrun-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={60}
        required
        autoComplete="off"
        aria-invalid={error ? true : undefined}
      />
      <ErrorNote error={error} testId="firstrun-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
        <button type="button" onClick={onBack} disabled={busy}>
          Back
        </button>
      </div>
    </form>
  )
}

function ChainView({ heading, onDone, onSkip }: ViewProps & { onDone(): void; onSkip(): void }) {
  const [rpcUrl, setRpcUrl] = useState('')
  const [chainId, setChainId] = useState('')
  const { busy, error, run } = useAction()
  const name = useApp((s) => s.workspace?.workspace?.name)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const expected = Number(chainId)
    void run(async () => {
      if (!Number.isSafeInteger(expected) || expected <= 0)
        throw new Error('The expected chain ID is a whole number, e.g. 1 for Ethereum mainnet.')
      await chainConnect({ rpcUrl: rpcUrl.trim(), expectChainId: expected })
      onDone()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Connect the chain of “{name}”
      </h1>
      <p className="muted">
        Step 2 of 3. The workspace reads and sends through this JSON-RPC endpoint; the chain ID it reports must be the
        one you expect, so a wrong or spoofed endpoint is refused.
      </p>
      <label htmlFor="firstrun-rpc">RPC URL</label>
      <input
        id="firstrun-rpc"
        type="url"
        value={rpcUrl}
        onChange={(e) => setRpcUrl(e.target.value)}
        placeholder="https://…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-chainid">Expected chain ID</label>
      <input
        id="firstrun-chainid"
        inputMode="numeric"
        value={chainId}
        onChange={(e) => setChainId(e.target.value)}
        required
        autoComplete="off"
      />
      <ErrorNote error={error} testId="firstrun-error" />
      {busy && (
        <p role="status" className="muted">
          Asking the endpoint for its chain ID…
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !rpcUrl.trim() || !chainId.trim()}>
          Connect
        </button>
        <button type="button" onClick={onSkip} disabled={busy}>
          Later (open the workspace without a chain)
        </button>
      </div>
    </form>
  )
}

function SafeView({ heading, onDone }: ViewProps & { onDone(): void }) {
  const [address, setAddress] = useState('')
  const [label, setLabel] = useState('')
  const { busy, error, run } = useAction()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await safeAdd({ address: address.trim(), ...(label.trim() ? { label: label.trim() } : {}) })
      onDone()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Add your Safe
      </h1>
      <p className="muted">
        Step 3 of 3. Its owners, threshold and balances are read from the chain; an address that is not a Safe is
        refused. To deploy a new Safe instead, skip this step and use the Safes page.
      </p>
      <label htmlFor="firstrun-safe">Safe address</label>
      <input
        id="firstrun-safe"
        className="mono"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
        placeholder="0x…"
        required
        autoComplete="off"
      />
      <label htmlFor="firstrun-safe-label">Label (optional)</label>
      <input id="firstrun-safe-label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} />
      <ErrorNote error={error} testId="firstrun-error" />
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !address.trim()}>
          {busy ? 'Reading the Safe…' : 'Add Safe'}
        </button>
        <button type="button" onClick={onDone} disabled={busy}>
          Later
        </button>
      </div>
    </form>
  )
}

function OpenView({ heading, onBack }: ViewProps & { onBack(): void }) {
  const workspaces = useApp((s) => s.workspaces)
  const loadWorkspaces = useApp((s) => s.loadWorkspaces)
  const openWorkspace = useApp((s) => s.openWorkspace)
  const current = useApp((s) => s.workspace?.workspace?.id)
  const [opening, setOpening] = useState<string | null>(null)
  useEffect(() => void loadWorkspaces(), [loadWorkspaces])
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
            </li>
          ))}
        </ul>
      )}
      {opening && (
        <p role="status" className="muted">
          Opening the workspace…
        </p>
      )}
      <p>
        <button type="button" onClick={onBack} disabled={opening !== null}>
          Back
        </button>
      </p>
    </>
  )
}

/** The "Switch workspace" entry: the app shell may place it anywhere (it only opens the chooser). */
export function SwitchWorkspaceButton() {
  const openSwitcher = useApp((s) => s.openSwitcher)
  const name = useApp((s) => s.workspace?.workspace?.name)
  return (
    <button type="button" className="switch-workspace" onClick={openSwitcher}>
      Switch workspace{name ? ` (${name})` : ''}
    </button>
  )
}
