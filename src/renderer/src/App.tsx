import { useEffect, useState } from 'react'
import { useApp } from './store'
import { Layout, type PageId } from './components/Layout'
import { AuditBanner } from './components/AuditBanner'
import { Dashboard } from './pages/Dashboard'
import { AuditPage } from './pages/AuditPage'

const PAGE_IDS: PageId[] = ['dashboard', 'audit']

function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '') as PageId
  return PAGE_IDS.includes(id) ? id : 'dashboard'
}

export function App() {
  const [page, setPage] = useState<PageId>(pageFromHash)
  const loadWorkspace = useApp((s) => s.loadWorkspace)
  const workspaceError = useApp((s) => s.workspaceError)

  useEffect(() => {
    void loadWorkspace()
    const onHash = () => setPage(pageFromHash())
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [loadWorkspace])

  const navigate = (next: PageId) => {
    window.location.hash = `/${next}`
    setPage(next)
  }

  return (
    <Layout page={page} onNavigate={navigate}>
      <AuditBanner />
      {workspaceError && (
        <p role="alert" className="banner danger">
          {workspaceError}
        </p>
      )}
      {page === 'dashboard' && <Dashboard />}
      {page === 'audit' && <AuditPage />}
    </Layout>
  )
}
