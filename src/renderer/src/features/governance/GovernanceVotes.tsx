import { useState, type ChangeEvent } from 'react'
import { importVoteFiles, useGovernanceUi } from './state'
import { humanAmount, shortAddress } from '../../lib/format'
import type { GovernanceProposalDetail } from '../../../../shared/contract'
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
  return (
    <article className="card" aria-labelledby="votes-h">
      <h3 id="votes-h">Votes ({p.voters} voters)</h3>
      <table data-testid="vote-table">
        <thead>
          <tr>
            <th scope="col">Voter</th>
            <th scope="col">Choice</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">Signed</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {p.votes.map((v) => (
            <tr key={`${v.voter}-${v.timestamp}`} className={v.counted ? '' : 'superseded'}>
              <td className="mono">{v.voter}</td>
              <td>
                {v.support}
                {!v.counted && <span className="muted small"> (superseded)</span>}
              </td>
              <td className="num mono">
                {humanAmount(v.weight, p.token.decimals, 2)} {p.token.symbol}
              </td>
              <td className="mono small">{when(v.timestamp)}</td>
              <td>{v.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.votesOmitted > 0 && (
        <p className="muted small">
          and {p.votesOmitted} lighter or superseded votes (the CLI&apos;s export-votes writes them all)
        </p>
      )}
    </article>
  )
}
