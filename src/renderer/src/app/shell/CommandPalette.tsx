import { useEffect, useMemo, useState, type KeyboardEvent } from 'react'
import { commands, filterCommands, type Command } from './commands'
import { useShell } from './store'
import { focusMain } from './focus'
import { useModal } from '../../ui'
import { errorMessage } from '../../data/client'

/**
 * Ctrl/Cmd+K: a modal dialog holding a combobox (the filter) and its listbox (pages and actions). Up/Down move,
 * Enter runs, Escape closes; focus goes back where it was, or to the new page when the command navigated.
 */
export function CommandPalette() {
  const open = useShell((s) => s.paletteOpen)
  const openPalette = useShell((s) => s.openPalette)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const reset = () => {
    setQuery('')
    setActive(0)
    setError(null)
  }
  // Rebuilt at each open: labels follow the role and the theme in force.
  const all = useMemo(() => (open ? commands() : []), [open])
  const shown = useMemo(() => filterCommands(all, query), [all, query])

  const {
    ref: dialog,
    returnTo,
    props,
  } = useModal(open, {
    onDismiss: () => close(false),
    // Cleared as it closes (and again as it opens), so keys typed right after Ctrl+K never meet the last filter.
    onOpened: reset,
    onClosed: reset,
  })

  const close = (navigated: boolean) => {
    openPalette(false)
    if (navigated) focusMain()
    else requestAnimationFrame(() => returnTo.current?.isConnected && returnTo.current.focus())
  }

  const run = async (command: Command | undefined) => {
    if (!command) return
    try {
      await command.run()
      close(command.navigates === true)
    } catch (e) {
      setError(`${command.label}: ${errorMessage(e)}`)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((i) => (shown.length ? (i + 1) % shown.length : 0))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => (shown.length ? (i - 1 + shown.length) % shown.length : 0))
    } else if (e.key === 'Home' && e.ctrlKey) {
      setActive(0)
    } else if (e.key === 'Enter') {
      e.preventDefault()
      void run(shown[active])
    }
  }

  useEffect(() => {
    document.getElementById(`palette-opt-${active}`)?.scrollIntoView({ block: 'nearest' })
  }, [active])

  const activeId = shown[active] ? `palette-opt-${active}` : undefined
  return (
    <dialog
      {...props}
      className="palette"
      aria-label="Command palette"
      onClick={(e) => {
        if (e.target === dialog.current) close(false)
      }}
    >
      {open && (
        <div className="palette-body">
          <input
            className="palette-input"
            role="combobox"
            aria-label="Go to a page or run an action"
            aria-expanded="true"
            aria-controls="palette-list"
            aria-autocomplete="list"
            aria-activedescendant={activeId}
            autoComplete="off"
            spellCheck={false}
            placeholder="Type a page or an action…"
            value={query}
            autoFocus
            onChange={(e) => {
              setQuery(e.target.value)
              setActive(0)
            }}
            onKeyDown={onKeyDown}
          />
          <ul id="palette-list" role="listbox" aria-label="Pages and actions" className="palette-list">
            {shown.map((c, i) => (
              <li
                key={c.id}
                id={`palette-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className="palette-option"
                onMouseMove={() => setActive(i)}
                onClick={() => void run(c)}
              >
                <span className="palette-label">{c.label}</span>
                <span className="palette-meta">
                  {c.shortcut && <kbd>{c.shortcut}</kbd>} <span className="palette-group">{c.group}</span>
                </span>
              </li>
            ))}
          </ul>
          {shown.length === 0 && (
            <p className="palette-empty">Nothing matches “{query}”. Try a page name, “sign” or “export”.</p>
          )}
          <p className="palette-hint muted small" aria-live="polite">
            {error ??
              `${shown.length} result${shown.length === 1 ? '' : 's'} · ↑↓ to move · Enter to run · Esc to close`}
          </p>
        </div>
      )}
    </dialog>
  )
}
