import { useState } from 'react'
import { callKey, errorMessage, queryClient } from '../../data'
import { useProposal } from './queries'
import { AddressLabel } from '../addressbook'
import { KIND_LABEL, StatusChip } from './common'
import { Busy, ErrorNote } from '../../ui'
import { busyLabel } from './signatureFiles'
import type { DetailPanelProps } from './detail/context'
import { ProposalBanners } from './detail/ProposalBanners'
import { WhatItDoesCard } from './detail/WhatItDoesCard'
import { SignaturesCard } from './detail/SignaturesCard'
import { SimulationCard } from './detail/SimulationCard'
import { ExecutionsCard } from './detail/ExecutionsCard'
import { ProposalActions } from './detail/ProposalActions'
import { PulledMarker } from '../txservice'

/** One proposal's page: the panels in detail/ each show one part and run its actions. */
export function ProposalDetailView({ id }: { id: number }) {
  const query = useProposal(id)
  const [busy, setBusy] = useState<string | null>(null)
  // An action's error belongs to the proposal it was about: opening another one does not show it.
  const [failure, setFailure] = useState<{ id: number; message: string } | null>(null)
  const setActionError = (message: string | null) => setFailure(message === null ? null : { id, message })
  const actionError = failure?.id === id ? failure.message : null
  const detailError = actionError ?? (query.error ? errorMessage(query.error) : null)

  if (!query.data || query.data.id !== id)
    return detailError ? <ErrorNote error={detailError} /> : <Busy label={`Loading proposal #${id}…`} />
  const p = query.data
  const fail = (error: unknown) => setActionError(errorMessage(error))
  /** Runs one proposal action; its answer (or, after a failure, a fresh read) is the page's detail. */
  const act: DetailPanelProps['act'] = async (label, work) => {
    setBusy(label)
    setActionError(null)
    try {
      const detail = await work()
      queryClient.setQueryData(callKey('proposals.get', { id: detail.id }), detail)
      return detail
    } catch (error) {
      await query.refetch().catch(() => undefined)
      setActionError(errorMessage(error))
      return null
    } finally {
      setBusy(null)
    }
  }
  const panel: DetailPanelProps = { p, busy, act, fail }
  return (
    <section>
      <p>
        <a href="#/proposals">← Queue</a>
      </p>
      <header className="page-head">
        <div>
          <h1 data-testid="proposal-title">{p.title}</h1>
          <p className="muted">
            #{p.id} · {KIND_LABEL[p.kind]} · nonce <strong data-testid="proposal-nonce">{p.nonce}</strong>
            {p.category && <> · {p.category}</>} · proposed by{' '}
            {p.proposer.startsWith('0x') ? <AddressLabel address={p.proposer} /> : p.proposer}
          </p>
        </div>
        <div className="head-actions">
          <StatusChip status={p.status} />
        </div>
      </header>
      {busy && <Busy label={busyLabel(busy)} testId="proposal-busy" />}
      <ErrorNote error={detailError} testId="detail-error" />
      <PulledMarker proposalId={p.id} />
      <ProposalBanners p={p} />
      <div className="grid">
        <WhatItDoesCard p={p} />
        <SignaturesCard {...panel} />
        <SimulationCard {...panel} />
      </div>
      <ExecutionsCard executions={p.executions} />
      <ProposalActions {...panel} />
    </section>
  )
}
