import { useEffect } from 'react'
import { useApp } from '../../store'
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
  const { detail, detailError, busy } = useApp()
  const loadDetail = useApp((s) => s.loadDetail)
  const act = useApp((s) => s.proposalAction)
  useEffect(() => {
    void loadDetail(id)
  }, [id, loadDetail])

  if (!detail || detail.id !== id)
    return detailError ? <ErrorNote error={detailError} /> : <Busy label={`Loading proposal #${id}…`} />
  const p = detail
  const fail = (error: unknown) =>
    useApp.setState({ detailError: error instanceof Error ? error.message : String(error) })
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
