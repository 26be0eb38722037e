import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react'
import { createPortal } from 'react-dom'
import { useApp } from '../store'
import { call } from '../api/client'
import { ApiError } from '../../../shared/errors'
import { useAction, ErrorNote } from '../components/forms'
import {
  ContractAddressFields,
  EMPTY_CONTRACTS,
  needsContracts,
  type ContractAddresses,
} from '../components/ContractAddresses'

type View = 'choose' | 'new' | 'chain' | 'safe' | 'more' | 'open'

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
        {view === 'safe' && <SafeView heading={heading} onAdded={() => setView('more')} onDone={restart} />}
        {view === 'more' && (
          <MoreView
            heading={heading}
            onAnotherChain={() => setView('chain')}
            onAnotherSafe={() => setView('safe')}
            onDone={restart}
          />
        )}
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
      await call('workspaces.open', { id: 'sandbox' })
      await call('tutorial.start', {})
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
      await call('workspaces.create', { name })
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
  const [chainName, setChainName] = useState('')
  // Shown once the endpoint answered but its Safe contracts are unknown (or hold no code at the canonical addresses).
  const [askContracts, setAskContracts] = useState(false)
  const [contracts, setContracts] = useState<ContractAddresses>(EMPTY_CONTRACTS)
  const { busy, error, run } = useAction()
  const name = useApp((s) => s.workspace?.workspace?.name)
  const connected = useApp((s) => s.workspace?.chain)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const expected = Number(chainId)
    void run(async () => {
      if (!Number.isSafeInteger(expected) || expected <= 0)
        throw new Error('The expected chain ID is a whole number, e.g. 1 for Ethereum mainnet.')
      try {
        await call('chain.connect', {
          rpcUrl: rpcUrl.trim(),
          expectChainId: expected,
          ...(chainName.trim() ? { name: chainName.trim() } : {}),
          ...(askContracts ? { contracts } : {}),
        })
      } catch (err) {
        if (err instanceof ApiError && needsContracts(err.details)) setAskContracts(true)
        throw err
      }
      await useApp.getState().loadWorkspace()
      onDone()
    })
  }
  const shownError = error && needsContracts(error.details) ? { message: error.message } : error
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        {connected ? `Connect another chain to “${name}”` : `Connect the chain of “${name}”`}
      </h1>
      <p className="muted">
        {connected
          ? 'A workspace holds the Safes of several chains (e.g. Ethereum, Arbitrum and Base). '
          : 'Step 2 of 3. '}
        The workspace reads and sends through this JSON-RPC endpoint; the chain ID it reports must be the one you
        expect, so a wrong or spoofed endpoint is refused.
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
      <label htmlFor="firstrun-chainname">Chain name (optional)</label>
      <input
        id="firstrun-chainname"
        value={chainName}
        onChange={(e) => setChainName(e.target.value)}
        maxLength={80}
        placeholder="e.g. Arbitrum One"
        autoComplete="off"
      />
      {askContracts && (
        <>
          <p className="muted" data-testid="firstrun-contracts-help">
            The app does not know where the Safe contracts are on this chain. Give their addresses (from the chain’s
            deployment, or your Safe’s own setup): each is checked for code on the chain, and the singleton’s VERSION()
            tells which Safe version (1.3.0 or 1.4.1) they are.
          </p>
          <ContractAddressFields
            idPrefix="firstrun-contracts"
            value={contracts}
            onChange={setContracts}
            disabled={busy}
          />
        </>
      )}
      <ErrorNote error={shownError} testId="firstrun-error" />
      {busy && (
        <p role="status" className="muted">
          {askContracts ? 'Checking each contract on the chain…' : 'Asking the endpoint for its chain ID…'}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={busy || !rpcUrl.trim() || !chainId.trim()}>
          Connect
        </button>
        <button type="button" onClick={onSkip} disabled={busy}>
          {connected ? 'Later (open the workspace)' : 'Later (open the workspace without a chain)'}
        </button>
      </div>
    </form>
  )
}

function SafeView({ heading, onAdded, onDone }: ViewProps & { onAdded(): void; onDone(): void }) {
  const [address, setAddress] = useState('')
  const [label, setLabel] = useState('')
  const { busy, error, run } = useAction()
  const chain = useApp((s) => s.workspace?.chain)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(async () => {
      await call('safe.add', { address: address.trim(), ...(label.trim() ? { label: label.trim() } : {}) })
      onAdded()
    })
  }
  return (
    <form onSubmit={submit} className="stack">
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Add your Safe{chain ? ` on ${chain.name}` : ''}
      </h1>
      <p className="muted">
        Its version (1.3.0 or 1.4.1), owners, threshold and balances are read from the chain; an address that is not a
        Safe is refused. To deploy a new Safe instead, skip this step and use the Safes page.
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

/** After a Safe is added: another chain, another Safe, or the dashboard. */
function MoreView({
  heading,
  onAnotherChain,
  onAnotherSafe,
  onDone,
}: ViewProps & { onAnotherChain(): void; onAnotherSafe(): void; onDone(): void }) {
  const [safes, setSafes] = useState<Array<{ key: string; text: string }> | null>(null)
  useEffect(() => {
    void call('safe.list', { all: true }).then((list) =>
      setSafes(
        list.map((s) => ({
          key: `${s.chainId}:${s.address}`,
          text: `${s.label ?? s.address} · ${s.chainName ?? `chain ${s.chainId}`}${s.version ? ` · Safe ${s.version}` : ''}${s.threshold ? ` · ${s.threshold} of ${s.owners}` : ''}`,
        })),
      ),
    )
  }, [])
  return (
    <>
      <h1 id="firstrun-title" ref={heading} tabIndex={-1}>
        Safe added
      </h1>
      <ul className="plain" aria-label="Safes in this workspace" data-testid="firstrun-safes">
        {(safes ?? []).map((s) => (
          <li key={s.key}>{s.text}</li>
        ))}
      </ul>
      <ul className="firstrun-choices plain">
        <li>
          <button type="button" className="primary" onClick={onDone}>
            Open the dashboard
          </button>
        </li>
        <li>
          <button type="button" onClick={onAnotherChain}>
            Connect another chain
          </button>
          <span className="muted small">Its own RPC; its Safes appear beside these.</span>
        </li>
        <li>
          <button type="button" onClick={onAnotherSafe}>
            Add another Safe on this chain
          </button>
        </li>
      </ul>
    </>
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
      <p>
        <button type="button" onClick={onBack} disabled={opening !== null}>
          Back
        </button>
      </p>
    </>
  )
}

/** Rename, or delete after typing the name again (its database, exports and keys go; keystores are wiped). */
function ManageWorkspace({ id, name, isOpen }: { id: string; name: string; isOpen: boolean }) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle')
  const [text, setText] = useState('')
  const { busy, error, run } = useAction()
  const loadWorkspaces = useApp((s) => s.loadWorkspaces)
  const loadWorkspace = useApp((s) => s.loadWorkspace)
  const finish = async () => {
    setMode('idle')
    setText('')
    await Promise.all([loadWorkspaces(), loadWorkspace()])
  }
  if (mode === 'idle')
    return (
      <span className="row">
        <button type="button" className="small" onClick={() => (setMode('rename'), setText(name))}>
          Rename {name}
        </button>
        {!isOpen && (
          <button type="button" className="small danger" onClick={() => setMode('delete')}>
            Delete {name}
          </button>
        )}
      </span>
    )
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault()
        void run(async () => {
          if (mode === 'rename') await call('workspaces.rename', { id, name: text })
          else await call('workspaces.delete', { id, confirmName: text })
          await finish()
        })
      }}
    >
      {mode === 'delete' && (
        <p className="banner warn small" id={`delete-${id}-help`}>
          Deleting “{name}” removes its database, its exports and its keys for good (each keystore file is overwritten
          before it is removed). Type its name to confirm.
        </p>
      )}
      <label htmlFor={`manage-${id}`}>{mode === 'rename' ? `New name for ${name}` : `Type “${name}” to confirm`}</label>
      <input
        id={`manage-${id}`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={60}
        required
        autoComplete="off"
        aria-describedby={mode === 'delete' ? `delete-${id}-help` : undefined}
      />
      <ErrorNote error={error} />
      <span className="row">
        <button
          type="submit"
          className={mode === 'delete' ? 'danger' : 'primary'}
          disabled={busy || !text.trim() || (mode === 'delete' && text.trim() !== name)}
        >
          {mode === 'rename' ? 'Save name' : `Delete ${name} for good`}
        </button>
        <button type="button" onClick={() => (setMode('idle'), setText(''))} disabled={busy}>
          Cancel
        </button>
      </span>
    </form>
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
