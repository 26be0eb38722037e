import type { Role } from '../../../../shared/contract'
import { PAGES, type PageEntry } from '../pages'

export interface NavSection {
  id: string
  label: string
  pages: PageEntry[]
}

/** Sections of the sidebar, by page id. A page not listed here still shows, under "More". */
const SECTIONS: Array<{ id: string; label: string; ids: string[] }> = [
  {
    id: 'treasury',
    label: 'Treasury',
    ids: ['dashboard', 'proposals', 'history', 'sign', 'safes', 'tokens', 'addressbook'],
  },
  { id: 'funds', label: 'Funds and votes', ids: ['budgets', 'grants', 'disbursements', 'governance'] },
  { id: 'records', label: 'Records', ids: ['audit', 'reports', 'analytics', 'impact', 'prices'] },
  { id: 'settings', label: 'Settings', ids: ['signers', 'hardware', 'txservice'] },
]

/** What each role comes for first: its sections lead the sidebar, after its home. */
const ROLE_ORDER: Record<Role, string[]> = {
  signer: ['treasury', 'funds', 'records', 'settings'],
  steward: ['treasury', 'records', 'funds', 'settings'],
  council: ['funds', 'treasury', 'records', 'settings'],
}

export function navSections(role: Role | null): NavSection[] {
  const byId = new Map(PAGES.map((p) => [p.id, p]))
  const listed = new Set(['home', ...SECTIONS.flatMap((s) => s.ids)])
  const order = ROLE_ORDER[role ?? 'signer']
  const sections: NavSection[] = [...SECTIONS]
    .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id))
    .map((s) => ({ id: s.id, label: s.label, pages: s.ids.flatMap((id) => byId.get(id) ?? []) }))
  const rest = PAGES.filter((p) => !listed.has(p.id))
  if (rest.length) sections.push({ id: 'more', label: 'More', pages: rest })
  return sections.filter((s) => s.pages.length > 0)
}

/** `g` then a letter goes to a page. */
export const GO_KEYS: Record<string, string> = {
  h: 'home',
  d: 'dashboard',
  p: 'proposals',
  i: 'history',
  s: 'sign',
  f: 'safes',
  a: 'addressbook',
  b: 'budgets',
  r: 'grants',
  m: 'disbursements',
  v: 'governance',
  t: 'audit',
  e: 'reports',
  n: 'analytics',
  k: 'signers',
}

export function pageLabel(id: string): string {
  return PAGES.find((p) => p.id === id)?.label ?? id
}
