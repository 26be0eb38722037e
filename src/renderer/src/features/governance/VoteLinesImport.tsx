import { useState } from 'react'
import type { GovernanceProposalDetail, VoteImportSessionStatus } from '../../../../shared/contract'
import { ErrorNote, FileButton } from '../../ui'
import { cancelVoteLinesImport, importVoteLinesFile, useVoteLinesImport } from './vote-lines-import'

const SOURCE: Record<NonNullable<VoteImportSessionStatus['weights']>['source'], string> = {
  index: 'from the holder index, a sample checked on chain',
  reader: 'from the chain, up to 2,000 voters a call (a read helper set for the call)',
  multicall: 'from the chain through Multicall3',
  'rpc-batch': 'from the chain in JSON-RPC batches',
}

const n = (x: number) => x.toLocaleString('en-US')
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`

function Progress({ s }: { s: VoteImportSessionStatus }) {
  const read = `${n(s.lines)} lines read, ${n(s.votes)} votes, ${n(s.badCount)} bad lines`
  if (s.phase === 'receiving')
    return (
      <div className="busy" aria-live="polite">
        <progress aria-label="File sent" value={s.received} max={s.size} />
        <span>
          Sent {mb(s.received)} of {mb(s.size)} · {read}
        </span>
      </div>
    )
  if (s.phase === 'reading')
    return (
      <div className="busy" aria-live="polite">
        <progress aria-label="Checking signatures" />
        <span>Reading the last lines and checking signatures · {read}</span>
      </div>
    )
  if (s.phase === 'weights')
    return (
      <div className="busy" aria-live="polite" data-testid="weights-progress">
        <progress aria-label="Voting power read" value={s.weights?.done ?? 0} max={s.weights?.total || 1} />
        <span>
          {s.weights
            ? `Voting power at snapshot block #${s.weights.block}: ${n(s.weights.done)} of ${n(s.weights.total)} voters ${SOURCE[s.weights.source]}`
            : 'Reading the chain clock before the voting power'}{' '}
          · {read}
        </span>
      </div>
    )
  return null
}

function BadLines({ lines, count }: { lines: Array<{ line: number; reason: string }>; count: number }) {
  if (count === 0) return null
  return (
    <ul className="small" data-testid="vote-lines-bad">
      {lines.slice(0, 20).map((b) => (
        <li key={b.line}>
          Line {b.line}: {b.reason}
        </li>
      ))}
      {count > 20 && <li>and {n(count - 20)} more bad lines</li>}
    </ul>
  )
}

function Outcome({ s }: { s: VoteImportSessionStatus }) {
  if (s.phase === 'cancelled')
    return (
      <p role="status" className="banner" data-testid="vote-lines-result">
        {s.error}
      </p>
    )
  if (s.phase === 'failed')
    return (
      <div data-testid="vote-lines-result">
        <ErrorNote error={s.error} />
        <BadLines lines={s.badLines} count={s.badCount} />
      </div>
    )
  if (s.phase !== 'done' || !s.result) return null
  const r = s.result
  return (
    <div data-testid="vote-lines-result">
      <p className="small" role="status">
        {s.fileName}: {n(r.lines)} lines · {n(r.accepted)} accepted · {n(r.superseded)} superseded · {n(r.duplicates)}{' '}
        already known · {n(r.refused)} refused · {n(r.badCount)} bad lines
      </p>
      <BadLines lines={r.badLines} count={r.badCount} />
      {r.refusedVotes.length > 0 && (
        <ul className="small">
          {r.refusedVotes.slice(0, 20).map((v) => (
            <li key={v.line}>
              Line {v.line} (<span className="mono">{v.voter}</span>): {v.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function VoteLinesImport({ p }: { p: GovernanceProposalDetail }) {
  const { status, error, running, cancelling } = useVoteLinesImport()
  const [skip, setSkip] = useState(true)
  return (
    <article className="card" aria-labelledby="vote-lines-h" data-testid="vote-lines-import">
      <h3 id="vote-lines-h">Import vote file (vote lines, any size)</h3>
      <p className="muted small">
        One signed vote per line (JSON Lines), e.g. collected from many voters. The file is sent in pieces and read line
        by line; signatures are checked on both cores and the voting power read at snapshot block #{p.snapshotBlock}. A
        line that is no valid vote is named by its number.
      </p>
      <div className="row">
        {running ? (
          <button type="button" onClick={() => void cancelVoteLinesImport()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel import'}
          </button>
        ) : (
          <FileButton
            accept=".jsonl,.ndjson,.txt,application/x-ndjson,text/plain"
            label="Vote lines file"
            onFile={(file) => importVoteLinesFile(file, skip)}
          >
            Import vote file…
          </FileButton>
        )}
        <label className="inline">
          <input type="checkbox" checked={skip} disabled={running} onChange={(e) => setSkip(e.target.checked)} /> keep
          the valid votes when some lines are bad or refused
        </label>
      </div>
      {status && running && <Progress s={status} />}
      <ErrorNote error={error} />
      {status && !running && <Outcome s={status} />}
    </article>
  )
}
