import { Suspense, useEffect, useState } from 'react'
import { useApp } from '../store'
import { Layout } from './shell/Layout'
import { AuditBanner } from '../features/audit'
import { PAGES } from './pages'
import { ShellOverlays } from './shell/ShellOverlays'
import { FirstRun } from '../features/workspace'
import { Tutorial } from './Tutorial'
import { Busy } from '../ui'

function pageFromHash(): string {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0]
  return PAGES.some((p) => p.id === id) ? id : PAGES[0].id
}

export function App() {
  const [page, setPage] = useState<string>(pageFromHash)
  const loadWorkspace = useApp((s) => s.loadWorkspace)
  const workspaceError = useApp((s) => s.workspaceError)

  useEffect(() => {
    void loadWorkspace()
    const onHash = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [loadWorkspace])

  const navigate = (next: string) => {
    window.location.hash = `/${next}`
    setPage(next)
  }
  const Page = PAGES.find((p) => p.id === page)?.component ?? PAGES[0].component

  return (
    <Layout page={page} onNavigate={navigate}>
      <FirstRun />
      <Tutorial page={page} />
      <AuditBanner />
      {workspaceError && (
        <p role="alert" className="banner danger">
          {workspaceError}
        </p>
      )}
      <Suspense fallback={<Busy label="Opening the page…" />}>
        <Page />
      </Suspense>
      <ShellOverlays />
    </Layout>
  )
}
