import { useRef, useState } from 'react'
import { useApp } from '../../store'
import { shortAddress } from '../../lib/format'
import { NewProposalForm } from './NewProposalForm'
import { StateChip, pct } from './format'

export function ProposalList({ onOpen }: { onOpen(id: string): void }) {
  const proposals = useApp((s) => s.govProposals)
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
      {proposals.length === 0 ? (
        <p className="empty">
          No proposal yet. Anyone may draft one with New proposal above; token holders then decide it by signed votes
          once voting opens at its snapshot block.
        </p>
      ) : (
        <table data-testid="proposal-table">
          <thead>
            <tr>
              <th scope="col">Proposal</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col" className="num">
                Voters
              </th>
              <th scope="col" className="num">
                Turnout
              </th>
              <th scope="col">Quorum</th>
              <th scope="col" className="num">
                Voting ends
              </th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.id}>
                <td>
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
                </td>
                <td>{p.kindLabel}</td>
                <td>
                  <StateChip state={p.state} />
                  {p.openDisputes > 0 && <span className="chip warn">disputed</span>}
                  {p.draftReady && <span className="chip state-ok">ready to draft</span>}
                </td>
                <td className="num">{p.voters}</td>
                <td className="num">{pct(p.turnoutBps)}</td>
                <td>{p.quorumReached === null ? '—' : p.quorumReached ? 'met' : 'not met'}</td>
                <td className="num mono">#{p.endBlock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
