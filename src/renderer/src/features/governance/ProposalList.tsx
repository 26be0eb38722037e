import { useRef, useState } from 'react'
import { useGovList, useGovSettings } from './queries'
import { shortAddress } from '../../lib/format'
import { NewProposalForm } from './NewProposalForm'
import { StateChip, clockPoint, pct, type ClockMode } from './format'
import { DataTable, type Column } from '../../ui'
import type { GovernanceProposalSummary } from '../../../../shared/contract'

function columns(onOpen: (id: string) => void, mode: ClockMode | undefined): Column<GovernanceProposalSummary>[] {
  return [
    {
      id: 'title',
      header: 'Proposal',
      sortValue: (p) => p.title,
      cell: (p) => (
        <>
          <a
            href={`#/governance/${p.id}`}
            onClick={(e) => {
              e.preventDefault()
              onOpen(p.id)
            }}
          >
            {p.title}
          </a>
          <div className="muted small mono">
            {p.id.slice(0, 10)}… by {shortAddress(p.proposer)}
          </div>
        </>
      ),
    },
    { id: 'kind', header: 'Type', cell: (p) => p.kindLabel, sortValue: (p) => p.kindLabel },
    {
      id: 'state',
      header: 'State',
      sortValue: (p) => p.state,
      cell: (p) => (
        <>
          <StateChip state={p.state} />
          {p.openDisputes > 0 && <span className="chip warn">disputed</span>}
          {p.draftReady && <span className="chip state-ok">ready to draft</span>}
        </>
      ),
    },
    { id: 'voters', header: 'Voters', numeric: 'plain', cell: (p) => p.voters, sortValue: (p) => p.voters },
    {
      id: 'turnout',
      header: 'Turnout',
      numeric: 'plain',
      cell: (p) => pct(p.turnoutBps),
      sortValue: (p) => p.turnoutBps,
    },
    {
      id: 'quorum',
      header: 'Quorum',
      cell: (p) => (p.quorumReached === null ? '—' : p.quorumReached ? 'met' : 'not met'),
    },
    {
      id: 'ends',
      header: 'Voting ends',
      numeric: true,
      cell: (p) => clockPoint(p.endBlock, mode),
      sortValue: (p) => p.endBlock,
    },
  ]
}

export function ProposalList({ onOpen }: { onOpen(id: string): void }) {
  const proposals = useGovList().data?.proposals ?? []
  const clockMode = useGovSettings()?.clockMode
  const [creating, setCreating] = useState(false)
  const toggle = useRef<HTMLButtonElement>(null)
  return (
    <section aria-labelledby="proposals-h">
      <div className="section-head">
        <h2 id="proposals-h">Proposals</h2>
        <button
          ref={toggle}
          className="primary"
          onClick={() => setCreating((v) => !v)}
          aria-expanded={creating}
          aria-controls="gov-new-proposal"
        >
          {creating ? 'Close the form' : 'New proposal'}
        </button>
      </div>
      {creating && (
        // Escape closes the form and gives the focus back to the button that opened it.
        <div
          id="gov-new-proposal"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            setCreating(false)
            toggle.current?.focus()
          }}
        >
          <NewProposalForm
            onCreated={(id) => {
              setCreating(false)
              onOpen(id)
            }}
          />
        </div>
      )}
      <DataTable
        rows={proposals}
        columns={columns(onOpen, clockMode)}
        rowKey={(p) => p.id}
        testId="proposal-table"
        empty={
          <p className="empty">
            No proposal yet. Anyone may draft one with New proposal above; token holders then decide it by signed votes
            once voting opens at its snapshot block.
          </p>
        }
      />
    </section>
  )
}
