import type { Theme } from '../../../../shared/contract'

const HINT_KEY = 'treasury.theme'

/**
 * `data-theme` on <html> picks the light or dark variables; without it (System) the prefers-color-scheme query
 * decides. The saved preference lives in the data folder (the API); the localStorage copy only avoids a flash of
 * the wrong theme before that answer arrives where the origin is stable (Electron).
 */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement
  if (theme === 'system') root.removeAttribute('data-theme')
  else root.setAttribute('data-theme', theme)
}

export function rememberTheme(theme: Theme): void {
  try {
    localStorage.setItem(HINT_KEY, theme)
  } catch {
    // Storage may be unavailable (private mode); the API copy is the one that counts.
  }
}

export function applyThemeHint(): void {
  try {
    const hint = localStorage.getItem(HINT_KEY)
    if (hint === 'light' || hint === 'dark' || hint === 'system') applyTheme(hint)
  } catch {
    // See rememberTheme.
  }
}

/** The theme a toggle moves to next: System → Light → Dark → System. */
export function nextTheme(theme: Theme): Theme {
  return theme === 'system' ? 'light' : theme === 'light' ? 'dark' : 'system'
}
