import { useEffect } from 'react'
import { CommandPalette } from './CommandPalette'
import { ShortcutHelp, useShortcuts } from './Shortcuts'
import { useNetworkWatch } from './TopBar'
import { useShell } from './store'
import { applyThemeHint } from './theme'

/** The shell's always-mounted parts: preferences and theme, the network watch, the keys, the two dialogs. */
export function ShellOverlays() {
  const loadPrefs = useShell((s) => s.loadPrefs)
  useEffect(() => {
    applyThemeHint()
    void loadPrefs()
  }, [loadPrefs])
  useShortcuts()
  useNetworkWatch()
  return (
    <>
      <CommandPalette />
      <ShortcutHelp />
    </>
  )
}
