import { useCallback, useMemo, useState, type ChangeEvent } from 'react'
import { importVoteFiles, useGovernanceUi } from './state'
import { useGovVotePages } from './queries'
import { humanAmount, shortAddress } from '../../lib/format'
import type { GovernanceProposalDetail, VoteView } from '../../../../shared/contract'
import { errorInfo } from '../../data'
import { DataTable, type Column } from '../../ui'
import { when } from './format'

export function VoteImport({ p }: { p: GovernanceProposalDetail }) {
  const result = useGovernanceUi((s) => s.imported)
  const busy = useGovernanceUi((s) => s.busy)
  const [skip, setSkip] = useState(false)
  const onFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])]
    e.target.value = ''
    if (!files.length) return
    await importVoteFiles(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))), skip)
  }
  const refused = result?.outcomes.filter((o) => o.status === 'refused') ?? []
  return (
    <article className="card" aria-labelledby="import-h">
      <h3 id="import-h">Import signed votes</h3>
      <p className="muted small">
        Vote files (EIP-712, signed offline in any wallet) or bundles. Each signature is checked, the voter recovered,
        and the weight read from the chain at snapshot block #{p.snapshotBlock}; the latest vote of a voter counts.
      </p>
      <div className="row">
        <label htmlFor="vote-files">Vote files</label>
        <input
          id="vote-files"
          type="file"
          accept=".json,application/json"
          multiple
          disabled={busy}
          onChange={(e) => void onFiles(e)}
        />
        <label className="inline">
          <input type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> import the valid votes of
          a file even when some are refused
        </label>
      </div>
      {result && (
        <div data-testid="import-result">
          <p className="small">
            {result.accepted} accepted · {result.superseded} superseded · {result.duplicates} already known ·{' '}
            {result.refused} refused
          </p>
          {refused.length > 0 && (
            <ul className="small">
              {refused.slice(0, 20).map((o) => (
                <li key={`${o.index}-${o.voter}`}>
                  <span className="mono">{shortAddress(o.voter)}</span>: {o.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </article>
  )
}

const voteKey = (v: VoteView) => `${v.voter}-${v.timestamp}`
const voteRowClass = (v: VoteView) => (v.counted ? undefined : 'superseded')

function voteColumns(token: GovernanceProposalDetail['token']): Column<VoteView>[] {
  return [
    { id: 'voter', header: 'Voter', cell: (v) => v.voter, className: 'mono' },
    {
      id: 'choice',
      header: 'Choice',
      cell: (v) => (
        <>
          {v.support}
          {!v.counted && <span className="muted small"> (superseded)</span>}
        </>
      ),
    },
    {
      id: 'weight',
      header: 'Weight',
      numeric: true,
      cell: (v) => `${humanAmount(v.weight, token.decimals, 2)} ${token.symbol}`,
    },
    { id: 'signed', header: 'Signed', cell: (v) => when(v.timestamp), className: 'mono small' },
    { id: 'reason', header: 'Reason', cell: (v) => v.reason },
  ]
}

export function Votes({ p }: { p: GovernanceProposalDetail }) {
  if (p.votes.length === 0)
    return (
      <article className="card" aria-labelledby="votes-h">
        <h3 id="votes-h">Signed votes</h3>
        <p className="empty">
          No votes yet. Once voting is open, each holder signs a vote (here with an unlocked key, or in any wallet) and
          the vote files are imported above; the tally updates as they arrive.
        </p>
      </article>
    )
  return <VoteTable p={p} />
}

/**
 * Every vote, counted first and heaviest first: the detail's first 1,000, then a page at a time as the table scrolls
 * (the export holds them all).
 */
function VoteTable({ p }: { p: GovernanceProposalDetail }) {
  const { query, rows, total } = useGovVotePages(p)
  const columns = useMemo(() => voteColumns(p.token), [p.token])
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, fetchNextPage])
  return (
    <article className="card" aria-labelledby="votes-h">
      <h3 id="votes-h">Votes ({p.voters} voters)</h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={voteKey}
        rowClassName={voteRowClass}
        testId="vote-table"
        label="Signed votes"
        totalRows={total}
        virtualiseAbove={100}
        onEndReached={loadMore}
        loading={query.isFetchingNextPage}
        loadingLabel="Reading more votes…"
        error={query.error ? errorInfo(query.error) : null}
      />
      {total > 0 && (
        <p className="muted small" data-testid="vote-count">
          {rows.length < total
            ? `${rows.length} of ${total} votes read; scroll for more (the CLI's export-votes writes them all)`
            : `${total} votes, ${total - p.voters} of them superseded`}
        </p>
      )}
    </article>
  )
}
