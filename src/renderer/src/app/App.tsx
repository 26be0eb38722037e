import { Suspense, useEffect, useState } from 'react'
import { errorMessage, useWorkspaceInfoQuery } from '../data'
import { Layout } from './shell/Layout'
import { AuditBanner } from '../features/audit'
import { PAGES } from './pages'
import { ShellOverlays } from './shell/ShellOverlays'
import { FirstRun, openSwitcher } from '../features/workspace'
import { Tutorial } from './Tutorial'
import { Busy } from '../ui'

function pageFromHash(): string {
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0]
  return PAGES.some((p) => p.id === id) ? id : PAGES[0].id
}

export function App() {
  const [page, setPage] = useState<string>(pageFromHash)
  const info = useWorkspaceInfoQuery()
  const workspaceError = info.error ? errorMessage(info.error) : null
  // A first run opens the welcome (the workspace chooser), which stays until a workspace is chosen.
  const firstRun = info.data?.firstRun === true
  useEffect(() => {
    if (firstRun) openSwitcher()
  }, [firstRun])

  useEffect(() => {
    const onHash = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])

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
