import type { ReactNode } from 'react'
import { useWorkspaceInfo } from '../../data'
import { ShellNav } from './ShellNav'
import { OfflineBanner, TopBar } from './TopBar'
import { SwitchWorkspaceButton } from '../../features/workspace'
import { SkipLink } from './SkipLink'

export function Layout({
  page,
  onNavigate,
  children,
}: {
  page: string
  onNavigate(page: string): void
  children: ReactNode
}) {
  const workspace = useWorkspaceInfo()
  return (
    <div className="shell">
      <SkipLink target="main" />
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          AITBC Treasury
        </div>
        <ShellNav page={page} onNavigate={onNavigate} />
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
      <div className="main-column">
        <TopBar />
        <OfflineBanner />
        <main className="content" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  )
}
