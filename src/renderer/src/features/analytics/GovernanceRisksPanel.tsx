import { useState } from 'react'
import type { ConcentrationView, GovernanceRisks, ParticipationPoint } from '../../../../shared/contract'
import { read, useAction } from '../../data'
import { humanAmount } from '../../lib/format'
import { AddressCell, Card, DataTable, ErrorNote, SeriesChart, type Column, TextInput } from '../../ui'

const percent = (ratio: string | null) => (ratio === null ? '—' : `${(Number(ratio) * 100).toFixed(2)} %`)
const bpsText = (bps: number | null) => (bps === null ? '—' : `${(bps / 100).toFixed(2)} %`)

const participationColumns: Column<ParticipationPoint>[] = [
  { id: 'title', header: 'Proposal', cell: (p) => p.title, rowHeader: true },
  { id: 'block', header: 'Snapshot', cell: (p) => p.snapshotBlock, numeric: 'plain' },
  { id: 'state', header: 'State', cell: (p) => p.state },
  { id: 'voters', header: 'Voters', cell: (p) => p.voters, numeric: 'plain' },
  { id: 'turnout', header: 'Turnout', cell: (p) => bpsText(p.turnoutBps), numeric: 'plain' },
  { id: 'quorum', header: 'Quorum', cell: (p) => bpsText(p.quorumBps), numeric: 'plain' },
  {
    id: 'reached',
    header: 'Quorum reached',
    cell: (p) => (p.quorumReached === null ? 'not yet known' : p.quorumReached ? 'yes' : 'no'),
  },
]

function ConcentrationCard({
  title,
  view,
  decimals,
  symbol,
}: {
  title: string
  view: ConcentrationView
  decimals: number
  symbol: string
}) {
  const columns: Column<ConcentrationView['top'][number]>[] = [
    { id: 'account', header: 'Account', cell: (t) => <AddressCell address={t.account} />, rowHeader: true },
    { id: 'amount', header: symbol, cell: (t) => humanAmount(t.amount, decimals, 4), numeric: true },
    { id: 'share', header: 'Share', cell: (t) => percent(t.share), numeric: 'plain' },
  ]
  return (
    <Card title={title} testId={`risk-${title === 'Voting power' ? 'votes' : 'holdings'}`}>
      <dl className="facts">
        <dt>Holders</dt>
        <dd data-testid="risk-holders">{view.holders}</dd>
        <dt>Top-10 share</dt>
        <dd data-testid="risk-top10">{percent(view.top10Share)}</dd>
        <dt>Gini coefficient</dt>
        <dd data-testid="risk-gini">{view.gini ?? '—'}</dd>
        <dt>Nakamoto coefficient</dt>
        <dd data-testid="risk-nakamoto">{view.nakamoto ?? '—'}</dd>
      </dl>
      <DataTable
        rows={view.top}
        columns={columns}
        rowKey={(t) => t.account}
        empty="Nobody holds any."
        label={`${title}: the largest ten`}
      />
    </Card>
  )
}

/**
 * Governance risks, measured (issue 17): how concentrated voting power and holdings of the governance token are at
 * a block, and whether voters turn out, from the token's logs and the proposals on record.
 */
export function GovernanceRisksPanel() {
  const [block, setBlock] = useState('')
  const [risks, setRisks] = useState<GovernanceRisks | null>(null)
  const { busy, error, run } = useAction()
  const measure = () =>
    void run(async () =>
      setRisks(await read('governance.risks', block.trim() === '' ? {} : { block: Number(block.trim()) })),
    )
  return (
    <section aria-labelledby="risks-h" data-testid="governance-risks">
      <h2 id="risks-h">Governance risks</h2>
      <form
        className="row"
        aria-label="Governance risks at a block"
        onSubmit={(e) => {
          e.preventDefault()
          measure()
        }}
      >
        <TextInput label="At block (empty: the latest)" inputMode="numeric" value={block} onText={setBlock} />
        <button type="submit" disabled={busy}>
          {busy ? 'Reading the token’s logs…' : 'Measure'}
        </button>
      </form>
      <ErrorNote error={error} testId="risks-error" />
      {risks && (
        <>
          <p className="muted small" data-testid="risks-scope">
            {risks.token.symbol} at block {risks.block} ({risks.blockTime.replace('T', ' ').slice(0, 16)} UTC), from{' '}
            {risks.scan.logs} logs of blocks {risks.scan.fromBlock}–{risks.scan.toBlock}
            {risks.scan.splits ? `, ${risks.scan.splits} ranges split for the RPC` : ''}.
          </p>
          <div className="grid analytics">
            <ConcentrationCard
              title="Voting power"
              view={risks.votingPower}
              decimals={risks.token.decimals}
              symbol={risks.token.symbol}
            />
            <ConcentrationCard
              title="Holdings"
              view={risks.holdings}
              decimals={risks.token.decimals}
              symbol={risks.token.symbol}
            />
          </div>
          <Card title="Participation over time" testId="risk-participation">
            <p className="muted small" data-testid="risk-apathy">
              Average turnout {bpsText(risks.apathy.averageTurnoutBps)} over {risks.apathy.measured} proposals
              {risks.apathy.recentTurnoutBps !== null &&
                `; the last five ${bpsText(risks.apathy.recentTurnoutBps)} against ${bpsText(risks.apathy.earlierTurnoutBps)} before`}
              . {risks.failedQuorum.length} failed quorum.
            </p>
            {risks.participation.length > 0 && (
              <SeriesChart
                title="Turnout per proposal, oldest first"
                name="Turnout (%)"
                axis="category"
                points={risks.participation.map((p) => ({
                  label: p.title,
                  value: (p.turnoutBps ?? 0) / 100,
                  text: bpsText(p.turnoutBps),
                }))}
              />
            )}
            <DataTable
              rows={risks.participation}
              columns={participationColumns}
              rowKey={(p) => p.id}
              rowClassName={(p) => (risks.failedQuorum.some((f) => f.id === p.id) ? 'failed-quorum' : undefined)}
              empty="No proposal on record yet."
              label="Turnout per proposal, oldest first"
            />
          </Card>
        </>
      )}
    </section>
  )
}
