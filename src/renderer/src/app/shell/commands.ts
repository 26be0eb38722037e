import { ROLES } from '../../../../shared/prefs'
import { send } from '../../data'
import { go } from '../../lib/route'
import { PAGES } from '../pages'
import { openSwitcher } from '../../features/workspace'
import { GO_KEYS } from './nav'
import { nextTheme } from './theme'
import { ROLE_LABELS, THEME_LABELS, useShell } from './store'
import { rankByFuzzy } from './fuzzy'

export interface Command {
  id: string
  label: string
  group: 'Go to' | 'Actions'
  /** Extra words the filter matches (not shown). */
  keywords?: string
  /** The keys that do the same, for the list and the help dialog. */
  shortcut?: string
  /** It moves to another page: focus then goes to the new page instead of back where it was. */
  navigates?: boolean
  run(): void | Promise<void>
}

const goKeyOf = Object.fromEntries(Object.entries(GO_KEYS).map(([key, id]) => [id, key]))

/** Every page, then the frequent actions; built on each open so labels follow the current role and theme. */
export function commands(): Command[] {
  const { prefs, setRole, setTheme } = useShell.getState()
  const pages: Command[] = PAGES.map((p) => ({
    id: `page:${p.id}`,
    label: p.id === 'home' && prefs?.role ? `Home (${ROLE_LABELS[prefs.role]})` : p.label,
    group: 'Go to',
    keywords: p.id,
    shortcut: goKeyOf[p.id] ? `g ${goKeyOf[p.id]}` : undefined,
    navigates: true,
    run: () => go(p.id),
  }))
  const roleHomes: Command[] = ROLES.map((role) => ({
    id: `home:${role}`,
    label: `${ROLE_LABELS[role]} home`,
    group: 'Go to',
    keywords: 'role home',
    navigates: true,
    run: () => go(`home/${role}`),
  }))
  const theme = prefs?.theme ?? 'system'
  const actions: Command[] = [
    {
      id: 'new-proposal',
      label: 'New proposal',
      group: 'Actions',
      keywords: 'create transfer pay',
      shortcut: 'n',
      navigates: true,
      run: () => go('proposals/new'),
    },
    {
      id: 'sign-request',
      label: 'Sign a request file',
      group: 'Actions',
      keywords: 'offline air-gapped qr',
      navigates: true,
      run: () => go('sign'),
    },
    {
      id: 'import-signatures',
      label: 'Import signatures',
      group: 'Actions',
      keywords: 'bundle file signature',
      navigates: true,
      run: () => go('sign'),
    },
    {
      id: 'export-csv',
      label: 'Export the audit trail as CSV',
      group: 'Actions',
      keywords: 'audit csv report download',
      navigates: true,
      run: async () => {
        await send('exports.start', { format: 'csv' })
        go('reports')
      },
    },
    ...ROLES.filter((r) => r !== prefs?.role).map<Command>((role) => ({
      id: `role:${role}`,
      label: `Switch role to ${ROLE_LABELS[role]}`,
      group: 'Actions',
      keywords: 'role persona',
      navigates: true,
      // Prefs apply at once and save behind (their errors show on the home): the palette closes without waiting,
      // so a next Ctrl+K opens it again instead of toggling a palette still open.
      run: () => {
        void setRole(role)
        go('home')
      },
    })),
    {
      id: 'theme',
      label: `Theme: switch to ${THEME_LABELS[nextTheme(theme)]} (now ${THEME_LABELS[theme]})`,
      group: 'Actions',
      keywords: 'dark light colour color appearance',
      run: () => {
        void setTheme(nextTheme(theme))
      },
    },
    {
      id: 'switch-workspace',
      label: 'Switch workspace',
      group: 'Actions',
      keywords: 'open new sandbox tutorial workspace',
      run: () => openSwitcher(),
    },
    {
      id: 'lock-keys',
      label: 'Lock all keys',
      group: 'Actions',
      keywords: 'signers security',
      run: async () => {
        await send('keys.lock', {})
      },
    },
    {
      id: 'help',
      label: 'Keyboard shortcuts',
      group: 'Actions',
      keywords: 'help keys',
      shortcut: '?',
      run: () => useShell.getState().openHelp(true),
    },
  ]
  return [...pages, ...roleHomes, ...actions]
}

export function filterCommands(list: Command[], query: string): Command[] {
  return rankByFuzzy(
    list,
    query,
    (c) => c.label,
    (c) => c.keywords ?? '',
  )
}
