import { useState } from 'react'
import { errorInfo, useAction, useWorkspaceInfo } from '../../data'
import { Busy, Card, DataTable, ErrorNote, PageHead, type Column } from '../../ui'
import type { TxServicePulledView, TxServicePullReport } from '../../../../shared/contract'
import { useTxServiceStatus } from './queries'
import { pullService } from './mutations'
import { ServiceSettingsCard } from './ServiceSettingsCard'
import { OutboxCard } from './OutboxCard'
import { RefusalsCard } from './RefusalsCard'

const PULLED: Column<TxServicePulledView>[] = [
  {
    id: 'proposal',
    header: 'Proposal',
    rowHeader: true,
    cell: (p) => <a href={`#/proposals/${p.proposalId}`}>#{p.proposalId}</a>,
    sortValue: (p) => p.proposalId,
  },
  { id: 'origin', header: 'Origin (as the service says)', cell: (p) => p.origin ?? '' },
  { id: 'at', header: 'Pulled', cell: (p) => new Date(p.pulledAt).toLocaleString(), sortValue: (p) => p.pulledAt },
]

function pullSummary(r: TxServicePullReport): string {
  return `${r.seen} pending at the service: ${r.added.length} new proposal(s), ${r.signaturesAdded} signature(s) added, ${r.refused.length} refused.${r.chainNote ? ` Note: ${r.chainNote}.` : ''}`
}

/** The Safe Transaction Service as the shared queue: its setting per chain, the outbox, refusals and pulls. */
export function TxServicePage() {
  const chainId = useWorkspaceInfo()?.chain?.chainId
  const status = useTxServiceStatus(chainId)
  const pull = useAction()
  const [lastPull, setLastPull] = useState<TxServicePullReport | null>(null)
  const endpoint = status.data?.endpoints.find((e) => e.chainId === chainId) ?? null
  return (
    <section>
      <PageHead
        title="Transaction Service"
        intro="Share the queue with co-signers in Safe{Wallet}: proposals and signatures made here are posted to the Safe Transaction Service, and its pending transactions are read back, each checked before it counts."
        actions={
          endpoint && (
            <button
              className="primary"
              disabled={pull.busy}
              data-testid="txservice-pull"
              onClick={() =>
                void pull.run(async () => {
                  setLastPull(await pullService({}))
                })
              }
            >
              Pull now
            </button>
          )
        }
      />
      {chainId === undefined ? (
        <p className="muted">Connect a chain first.</p>
      ) : status.isPending ? (
        <Busy label="Reading the service settings…" />
      ) : (
        <>
          {lastPull && (
            <p className="muted" data-testid="txservice-last-pull" role="status">
              {pullSummary(lastPull)}
            </p>
          )}
          <ErrorNote error={pull.error ?? (status.error ? errorInfo(status.error) : null)} testId="txservice-error" />
          <ServiceSettingsCard
            key={`${chainId}:${endpoint?.updatedAt ?? 'none'}`}
            chainId={chainId}
            endpoint={endpoint}
          />
          <OutboxCard chainId={chainId} items={status.data?.outbox} />
          <RefusalsCard refusals={status.data?.refusals} />
          <Card title="Pulled into the queue" testId="txservice-pulled">
            <DataTable
              rows={status.data?.pulled}
              columns={PULLED}
              rowKey={(p) => p.safeTxHash}
              testId="txservice-pulled-table"
              label="Pulled into the queue"
              empty={<p className="muted">Nothing pulled yet.</p>}
            />
          </Card>
        </>
      )}
    </section>
  )
}
