import type { ReactNode } from 'react'
import { useApp } from '../store'
import { PAGES } from '../pages'
import { SwitchWorkspaceButton } from '../firstrun/FirstRun'

export function Layout({
  page,
  onNavigate,
  children,
}: {
  page: string
  onNavigate(page: string): void
  children: ReactNode
}) {
  const workspace = useApp((s) => s.workspace)
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          AITBC Treasury
        </div>
        <ul>
          {PAGES.map((p) => (
            <li key={p.id}>
              <a
                href={`#/${p.id}`}
                aria-current={page === p.id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault()
                  onNavigate(p.id)
                }}
              >
                {p.label}
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">
          <SwitchWorkspaceButton />
          {workspace?.chain ? (
            <span className="chip" title={workspace.chain.rpcUrl}>
              {workspace.chain.name} · {workspace.chain.chainId}
            </span>
          ) : (
            <span className="chip warn">No chain</span>
          )}
          <span className="muted small">
            v{workspace?.appVersion} · {workspace?.host}
          </span>
        </div>
      </nav>
      <main className="content">{children}</main>
    </div>
  )
}
