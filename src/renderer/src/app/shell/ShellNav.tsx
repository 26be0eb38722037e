import { useShell } from './store'
import { navSections } from './nav'
import { ROLE_LABELS } from './store'

/** The sidebar's links: the role's home first, then the sections in the order that role needs them. */
export function ShellNav({ page, onNavigate }: { page: string; onNavigate(page: string): void }) {
  const role = useShell((s) => s.prefs?.role ?? null)
  const link = (id: string, label: string, hint?: string) => (
    <a
      href={`#/${id}`}
      aria-current={page === id ? 'page' : undefined}
      onClick={(e) => {
        e.preventDefault()
        onNavigate(id)
      }}
    >
      {label}
      {hint && <span className="nav-hint"> · {hint}</span>}
    </a>
  )
  return (
    <>
      <ul className="nav-home">
        <li>{link('home', 'Home', role ? ROLE_LABELS[role] : undefined)}</li>
      </ul>
      {navSections(role).map((section) => (
        <div key={section.id} role="group" aria-labelledby={`nav-${section.id}`} className="nav-section">
          <p id={`nav-${section.id}`} className="nav-heading">
            {section.label}
          </p>
          <ul>
            {section.pages.map((p) => (
              <li key={p.id}>{link(p.id, p.label)}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  )
}
