import { ErrorNote, PageHead } from '../../ui'
import { errorInfo } from '../../data'
import { useWorkspaceInfo } from '../../data'
import { RequestReview } from './RequestReview'
import { NewTransfer } from './NewTransfer'
import { ImportBox } from './ImportBox'
import { RequestsTable } from './RequestsTable'
import { useRequest, useRequests } from './queries'
import { useSigningView } from './state'

export function SignPage() {
  const workspace = useWorkspaceInfo()
  const requests = useRequests()
  const { openHash, open } = useSigningView()
  const request = useRequest(openHash)
  const current = request.data
  const loadError = requests.error ?? request.error

  return (
    <section>
      <PageHead
        title="Sign"
        intro={
          <>
            Signing requests carry every field of a Safe transaction and its hash; this app decodes them again before
            you sign. Requests and signatures travel as files or QR codes, so a signer&apos;s computer can stay offline.
          </>
        }
      />
      <ErrorNote error={loadError ? errorInfo(loadError) : null} />
      <div className="grid">
        {workspace?.chain && (
          <article className="card">
            <NewTransfer />
          </article>
        )}
        <article className="card">
          <ImportBox />
        </article>
      </div>

      {current && <RequestReview key={current.request.safeTxHash} view={current} />}

      <h2>Requests</h2>
      <RequestsTable requests={requests.data ?? []} open={open} />
    </section>
  )
}
