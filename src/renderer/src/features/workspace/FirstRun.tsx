import { useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useWorkspaceInfo } from '../../data'
import { restartOnDashboard, useSwitcher } from './state'
import { ChooseView, NewView, OpenView } from './FirstRunStart'
import { ChainView, SafeView } from './FirstRunConnect'
import { MoreView } from './FirstRunMore'

type View = 'choose' | 'new' | 'chain' | 'safe' | 'more' | 'open'

/**
 * The welcome on a first run, and the workspace chooser afterwards ("Switch workspace"): try the sandbox with its
 * tutorial, create a workspace (then its chain and Safe), or open one. A modal dialog, keyboard-operable.
 */
export function FirstRun() {
  const open = useSwitcher((s) => s.open)
  const workspace = useWorkspaceInfo()
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
  const close = useSwitcher((s) => s.hide)
  const restart = restartOnDashboard
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

/** The "Switch workspace" entry: the app shell may place it anywhere (it only opens the chooser). */
export function SwitchWorkspaceButton() {
  const openSwitcher = useSwitcher((s) => s.show)
  const name = useWorkspaceInfo()?.workspace?.name
  return (
    <button type="button" className="switch-workspace" onClick={openSwitcher}>
      Switch workspace{name ? ` (${name})` : ''}
    </button>
  )
}
