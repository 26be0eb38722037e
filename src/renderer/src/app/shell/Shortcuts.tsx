import { useEffect } from 'react'
import { go } from '../../lib/route'
import { GO_KEYS, pageLabel } from './nav'
import { useShell } from './store'
import { focusMain, isTyping } from './focus'
import { useModal } from '../../ui'

const G_TIMEOUT_MS = 1500

/**
 * Global keys: Ctrl/Cmd+K (anywhere) opens the palette; outside text fields `/` opens it too, `?` shows the
 * shortcuts, `n` starts a new proposal, and `g` then a letter goes to a page. Nothing fires while typing.
 */
export function useShortcuts(): void {
  useEffect(() => {
    let pendingG: ReturnType<typeof setTimeout> | null = null
    const clearG = () => {
      if (pendingG) clearTimeout(pendingG)
      pendingG = null
    }
    const onKey = (e: KeyboardEvent) => {
      const shell = useShell.getState()
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        shell.openPalette(!shell.paletteOpen)
        return
      }
      if (shell.paletteOpen || shell.helpOpen || e.defaultPrevented) return
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      if (pendingG) {
        const page = GO_KEYS[e.key.toLowerCase()]
        clearG()
        if (page) {
          e.preventDefault()
          go(page)
          focusMain()
        }
        return
      }
      if (e.key === 'g') {
        pendingG = setTimeout(clearG, G_TIMEOUT_MS)
      } else if (e.key === '?') {
        e.preventDefault()
        shell.openHelp(true)
      } else if (e.key === '/') {
        e.preventDefault()
        shell.openPalette(true)
      } else if (e.key === 'n') {
        e.preventDefault()
        go('proposals/new')
        focusMain()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => {
      clearG()
      window.removeEventListener('keydown', onKey)
    }
  }, [])
}

/** `?`: every shortcut in one table. */
export function ShortcutHelp() {
  const open = useShell((s) => s.helpOpen)
  const openHelp = useShell((s) => s.openHelp)
  const { returnTo, props } = useModal(open, { onDismiss: () => close() })

  const close = () => {
    openHelp(false)
    requestAnimationFrame(() => {
      if (returnTo.current?.isConnected && returnTo.current !== document.body) returnTo.current.focus()
      else focusMain()
    })
  }

  return (
    <dialog {...props} className="shortcut-help" aria-labelledby="shortcuts-h">
      {open && (
        <>
          <h2 id="shortcuts-h">Keyboard shortcuts</h2>
          <p className="muted small">Single keys work outside text fields; Ctrl+K works everywhere.</p>
          <table className="shortcut-table">
            <caption className="visually-hidden">Keys and what they do</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Does</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>
                  <kbd>Ctrl</kbd> + <kbd>K</kbd> (<kbd>⌘</kbd> + <kbd>K</kbd> on a Mac), or <kbd>/</kbd>
                </td>
                <td>Command palette: go to a page or run an action</td>
              </tr>
              <tr>
                <td>
                  <kbd>?</kbd>
                </td>
                <td>This list</td>
              </tr>
              <tr>
                <td>
                  <kbd>n</kbd>
                </td>
                <td>New proposal</td>
              </tr>
              {Object.entries(GO_KEYS).map(([key, page]) => (
                <tr key={key}>
                  <td>
                    <kbd>g</kbd> then <kbd>{key}</kbd>
                  </td>
                  <td>Go to {pageLabel(page)}</td>
                </tr>
              ))}
              <tr>
                <td>
                  <kbd>Esc</kbd>
                </td>
                <td>Close a dialog; focus returns where it was</td>
              </tr>
            </tbody>
          </table>
          <div className="row">
            <button type="button" className="primary" autoFocus onClick={close}>
              Close
            </button>
          </div>
        </>
      )}
    </dialog>
  )
}
