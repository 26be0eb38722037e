import { memo } from 'react'
import type { ProposalSummary } from '../../../../shared/contract'
import { KIND_LABEL, Outflows, StatusChip } from './common'
import { SafeOnChain } from '../safes'
import { PulledTag } from '../txservice'

/**
 * One row, memoised: while scrolling only the rows entering the window render (a row's summary object keeps its
 * identity when the next page is appended), not every visible one on every scroll event.
 */
export const QueueRow = memo(function QueueRow({
  r,
  index,
  start,
  size,
}: {
  r: ProposalSummary
  index: number
  start: number
  size: number
}) {
  return (
    <div
      className={`vrow${r.conflicts > 0 ? ' conflict' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-testid={`proposal-row-${r.id}`}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: size,
        transform: `translateY(${start}px)`,
      }}
    >
      <span role="cell" className="num mono">
        {r.nonce}
        {r.conflicts > 0 && (
          <span
            className="conflict-mark"
            title={`${r.conflicts + 1} proposals on nonce ${r.nonce}: only one can execute`}
          >
            {' '}
            ⚠ {r.conflicts + 1}
          </span>
        )}
      </span>
      <span role="cell" className="ellipsis">
        <a href={`#/proposals/${r.id}`}>{r.title}</a>
        <span className="muted small">
          {' '}
          #{r.id} · {KIND_LABEL[r.kind]}
          {r.parts > 1 ? ` (${r.parts})` : ''}
          {r.category ? ` · ${r.category}` : ''}
          <PulledTag proposalId={r.id} />
        </span>
      </span>
      <span role="cell">
        <StatusChip status={r.status} />
      </span>
      <span role="cell" className="num mono">
        {r.signatureCount} / {r.threshold}
      </span>
      <span role="cell" className="ellipsis">
        <Outflows outflows={r.outflows} />
      </span>
      <span role="cell" className="ellipsis">
        <SafeOnChain chainId={r.chainId} address={r.safe} />
      </span>
    </div>
  )
})
