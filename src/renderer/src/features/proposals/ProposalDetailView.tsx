import { useEffect, useState } from 'react'
import { useApp } from '../../store'
import { downloadText, readTextFile } from '../../lib/files'
import { go } from '../../lib/route'
import { humanAmount } from '../../lib/format'
import { AddressLabel } from '../addressbook'
import { ActionLine, KIND_LABEL, Outflows, StatusChip } from './common'
import { Busy, ErrorNote } from '../../ui'
import {
  proposalsAddSignature,
  proposalsApproveOnChain,
  proposalsCancel,
  proposalsExecute,
  proposalsExportSigningRequest,
  proposalsExportTxBuilder,
  proposalsImportSignatureBundle,
  proposalsReject,
  proposalsSign,
  proposalsSimulate,
  proposalsSubmit,
  proposalsUpdate,
} from './mutations'
import { EditDetails } from './EditDetails'
import { parseSignatures, isBundle, busyLabel } from './signatureFiles'

export function ProposalDetailView({ id }: { id: number }) {
  const { detail, detailError, busy, workspace } = useApp()
  const loadDetail = useApp((s) => s.loadDetail)
  const act = useApp((s) => s.proposalAction)
  const [pasted, setPasted] = useState('')
  const [signatureNote, setSignatureNote] = useState<string | null>(null)
  const [approver, setApprover] = useState('')
  const [editing, setEditing] = useState(false)
  const labels = useApp((s) => s.labels)
  const keys = useApp((s) => s.keys)
  const loadKeys = useApp((s) => s.loadKeys)
  const [payerChoice, setPayerChoice] = useState('')

  useEffect(() => {
    void loadKeys()
  }, [loadKeys])

  useEffect(() => {
    void loadDetail(id)
  }, [id, loadDetail])

  if (!detail || detail.id !== id)
    return detailError ? <ErrorNote error={detailError} /> : <Busy label={`Loading proposal #${id}…`} />
  const p = detail

  const addSignatures = async (text: string) => {
    if (isBundle(text)) {
      const done = await act('signature', () => proposalsImportSignatureBundle({ id: p.id, text }))
      if (!done) return
      setPasted('')
      setSignatureNote('Signature bundle checked and added.')
      return
    }
    let entries
    try {
      entries = parseSignatures(text)
    } catch (error) {
      useApp.setState({ detailError: error instanceof Error ? error.message : String(error) })
      return
    }
    for (const entry of entries) {
      const done = await act('signature', () => proposalsAddSignature({ id: p.id, ...entry }))
      if (!done) return
    }
    setPasted('')
    setSignatureNote(`${entries.length} signature${entries.length > 1 ? 's' : ''} checked and added.`)
  }

  const sim = p.simulation
  const localKeys = (keys?.signers ?? []).filter((k) => k.kind === 'local')
  const unlockedKeys = localKeys.filter((k) => k.unlocked)
  const ownerSet = new Set(p.owners.filter((o) => !o.signed).map((o) => o.address))
  const canSignWith = unlockedKeys.filter((k) => ownerSet.has(k.address))
  const lockedOwners = localKeys.filter((k) => !k.unlocked && ownerSet.has(k.address))
  const sandboxFallback = workspace?.chain?.isSandbox === true && unlockedKeys.length === 0
  // The paying key: the one chosen, else the first unlocked key; the sandbox node account only when none is unlocked.
  const payerKey = unlockedKeys.find((k) => k.address === payerChoice) ?? unlockedKeys[0] ?? null
  const downloadRequest = async () => {
    try {
      const out = await proposalsExportSigningRequest({ id: p.id })
      downloadText(out.fileName, out.json)
      setSignatureNote(
        `Signing request saved as ${out.fileName}: review and sign it on the Sign page or with treasury sign.`,
      )
    } catch (error) {
      useApp.setState({ detailError: error instanceof Error ? error.message : String(error) })
    }
  }
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
      {p.sameNonce.length > 0 && (
        <div role="status" className="banner warn" data-testid="nonce-conflict">
          {p.sameNonce.length + 1} proposals share nonce {p.nonce}: only one of them can ever execute; executing it
          replaces the others.{' '}
          {p.sameNonce.map((o) => (
            <a key={o.id} href={`#/proposals/${o.id}`} className="spaced">
              #{o.id} {o.title} ({KIND_LABEL[o.kind]})
            </a>
          ))}
        </div>
      )}
      {p.replacedBy !== null && (
        <p className="banner" data-testid="replaced-by">
          {p.replacedByRejection ? 'Rejected: nonce' : 'Nonce'} {p.nonce} was used by{' '}
          <a href={`#/proposals/${p.replacedBy}`}>
            {p.replacedByRejection ? 'rejection' : 'proposal'} #{p.replacedBy}
          </a>
          .
        </p>
      )}
      {p.status === 'replaced' && p.replacedBy === null && (
        <p className="banner">Nonce {p.nonce} was used on chain by a transaction made outside this workspace.</p>
      )}
      {p.rejects !== null && (
        <p className="banner">
          This rejects <a href={`#/proposals/${p.rejects}`}>proposal #{p.rejects}</a>: once executed, nonce {p.nonce} is
          used and every signature given to the other is void.
        </p>
      )}

      <div className="grid">
        <article className="card" aria-labelledby="what-h">
          <h2 id="what-h">What it does</h2>
          <ol className="actions" data-testid="actions">
            {p.actions.map((a, i) => (
              <li key={i}>
                <ActionLine action={a} />
              </li>
            ))}
          </ol>
          <p className="muted small">
            From Safe <AddressLabel address={p.safe} /> · outflow <Outflows outflows={p.outflows} />
            {p.multiSend && (
              <>
                {' '}
                · batched through MultiSend <AddressLabel address={p.multiSend} />
              </>
            )}
          </p>
          {p.description && <p className="prewrap">{p.description}</p>}
          {p.governanceProposalId && (
            <p className="muted small">
              Carries out governance proposal <span className="mono">{p.governanceProposalId}</span> (see Governance).
            </p>
          )}
          {(p.budgetLineId || p.grantLink) && (
            <p className="muted small">
              {p.budgetLineId && <>Budget line {p.budgetLineId}. </>}
              {p.grantLink && <>Grant {p.grantLink}.</>}
            </p>
          )}
          <details>
            <summary>Safe transaction fields (what signers sign)</summary>
            <dl className="fields mono small">
              {Object.entries(p.safeTx).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{String(v)}</dd>
                </div>
              ))}
              <div>
                <dt>safeTxHash</dt>
                <dd data-testid="safe-tx-hash">{p.safeTxHash}</dd>
              </div>
            </dl>
          </details>
        </article>

        <article className="card" aria-labelledby="sig-h">
          <h2 id="sig-h">Signatures</h2>
          <p className="big" data-testid="signature-progress">
            {p.signatureCount} of {p.threshold}
          </p>
          <progress
            max={p.threshold || 1}
            value={Math.min(p.signatureCount, p.threshold)}
            aria-label="Signatures collected"
          />
          <ul className="owners-signed" data-testid="owner-signatures">
            {p.owners.map((o) => {
              const sig = p.signatures.find((s) => s.signer === o.address)
              return (
                <li key={o.address} className={o.signed ? 'signed' : ''}>
                  <span aria-hidden="true">{o.signed ? '✓' : '○'}</span> <AddressLabel address={o.address} />{' '}
                  <span className="muted small">
                    {sig
                      ? sig.source === 'onchain'
                        ? 'approved on chain'
                        : sig.source === 'local'
                          ? 'signed with a local key'
                          : 'signature imported'
                      : 'not signed'}
                  </span>
                </li>
              )
            })}
          </ul>
          {p.can.addSignature && (
            <div className="stack">
              <label htmlFor="sig-paste">
                Add a signature made elsewhere (0x…, 65 bytes, or a signature bundle JSON)
              </label>
              <textarea
                id="sig-paste"
                rows={2}
                className="mono"
                value={pasted}
                onChange={(e) => setPasted(e.target.value)}
                placeholder="0x…"
              />
              <div className="row">
                <button onClick={() => void addSignatures(pasted)} disabled={!pasted.trim() || busy !== null}>
                  Add signature
                </button>
                <label className="file-button">
                  Signature file…
                  <input
                    type="file"
                    accept=".json,application/json,text/plain"
                    aria-label="Signature file"
                    onChange={async (e) => {
                      const file = e.target.files?.[0]
                      e.target.value = ''
                      if (file) await addSignatures(await readTextFile(file, 256 * 1024))
                    }}
                  />
                </label>
                <button onClick={() => void downloadRequest()}>Download signing request</button>
              </div>
              {(canSignWith.length > 0 || lockedOwners.length > 0) && (
                <div className="row" data-testid="sign-with">
                  {canSignWith.map((k) => (
                    <button
                      key={k.address}
                      className="primary"
                      disabled={busy !== null}
                      onClick={() =>
                        void act(`sign:${k.address}`, () => proposalsSign({ id: p.id, signer: k.address })).then(
                          (done) => done && setSignatureNote(`Signed with ${k.label}.`),
                        )
                      }
                    >
                      {busy === `sign:${k.address}` ? 'Signing…' : `Sign with ${k.label}`}
                    </button>
                  ))}
                  {lockedOwners.length > 0 && (
                    <p className="muted small">
                      Locked: {lockedOwners.map((k) => k.label).join(', ')}. Unlock on the{' '}
                      <a href="#/signers">Signers</a> page to sign here.
                    </p>
                  )}
                </div>
              )}
              <div className="row">
                <label>
                  Approve on chain as
                  <select value={approver} onChange={(e) => setApprover(e.target.value)}>
                    <option value="">Choose an owner…</option>
                    {p.owners
                      .filter((o) => !o.signed)
                      .map((o) => (
                        <option key={o.address} value={o.address}>
                          {labels[o.address] ?? o.address}
                        </option>
                      ))}
                  </select>
                </label>
                <button
                  disabled={!approver || busy !== null}
                  onClick={() =>
                    void act('approve', () => proposalsApproveOnChain({ id: p.id, owner: approver })).then(() =>
                      setApprover(''),
                    )
                  }
                >
                  {busy === 'approve' ? 'Approving…' : 'Approve hash on chain'}
                </button>
              </div>
              <p className="muted small">
                approveHash is a transaction from the owner&apos;s own account (it pays gas); the approval is read back
                from the Safe before it counts.
              </p>
              {signatureNote && (
                <p role="status" className="ok small">
                  {signatureNote}
                </p>
              )}
            </div>
          )}
        </article>

        <article className="card" aria-labelledby="sim-h">
          <h2 id="sim-h">Simulation</h2>
          {!sim ? (
            <p className="muted">
              Not simulated yet. Simulation runs the transaction against the chain now, spending nothing.
            </p>
          ) : (
            <div data-testid="simulation">
              <p className={sim.ok ? 'banner ok' : 'banner danger'} role="status" data-testid="simulation-verdict">
                {sim.ok ? 'Simulation succeeds' : 'Simulation fails'} at block {sim.blockNumber}
              </p>
              <ul className="plain">
                <li>
                  Effect: {sim.call.success ? 'succeeds' : 'reverts'}, gas {Number(sim.call.gasUsed).toLocaleString()}
                  {sim.call.revertReason && (
                    <>
                      {' '}
                      — <strong data-testid="revert-reason">{sim.call.revertReason}</strong>
                    </>
                  )}
                </li>
                <li>
                  Execution with the signatures in hand:{' '}
                  {sim.execution.checked
                    ? sim.execution.success
                      ? 'succeeds'
                      : `reverts — ${sim.execution.revertReason}`
                    : 'not checked'}
                  {sim.execution.gasEstimate && (
                    <>, gas estimate {Number(sim.execution.gasEstimate).toLocaleString()}</>
                  )}
                  {sim.execution.note && <span className="muted"> ({sim.execution.note})</span>}
                </li>
              </ul>
            </div>
          )}
          <div className="row">
            {p.can.simulate && (
              <button
                onClick={() => void act('simulate', () => proposalsSimulate({ id: p.id }))}
                disabled={busy !== null}
              >
                {busy === 'simulate' ? 'Simulating…' : 'Simulate'}
              </button>
            )}
            {p.can.execute && (
              <button
                className="primary"
                disabled={busy !== null || (sim !== null && !sim.ok)}
                title={sim && !sim.ok ? 'The last simulation fails: fix or reject this proposal' : undefined}
                onClick={() =>
                  void act('execute', () =>
                    proposalsExecute(payerKey ? { id: p.id, executor: payerKey.address } : { id: p.id }),
                  )
                }
              >
                {busy === 'execute' ? 'Executing…' : 'Execute'}
              </button>
            )}
          </div>
          {p.can.execute &&
            (unlockedKeys.length > 0 ? (
              <label>
                Gas paid by
                <select
                  value={payerKey?.address ?? ''}
                  onChange={(e) => setPayerChoice(e.target.value)}
                  data-testid="payer-select"
                >
                  {unlockedKeys.map((k) => (
                    <option key={k.address} value={k.address}>
                      {k.label} ({k.address.slice(0, 8)}…)
                    </option>
                  ))}
                </select>
              </label>
            ) : sandboxFallback ? (
              <p className="muted small" data-testid="payer-note">
                Gas is paid by the sandbox node account (Hardhat #0, test coins): no key is unlocked.
              </p>
            ) : (
              <p className="muted small" data-testid="payer-note">
                Unlock a key that holds the chain's native coin on the <a href="#/signers">Signers</a> page to pay for
                the execution.
              </p>
            ))}
        </article>
      </div>

      {p.executions.length > 0 && (
        <article className="card" aria-labelledby="exec-h">
          <h2 id="exec-h">On chain</h2>
          <table data-testid="executions">
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">Transaction</th>
                <th scope="col" className="num">
                  Block
                </th>
                <th scope="col" className="num">
                  Gas used
                </th>
                <th scope="col">Executor</th>
              </tr>
            </thead>
            <tbody>
              {p.executions.map((e) => (
                <tr key={e.txHash}>
                  <td>
                    {e.outcome === 'success'
                      ? 'ExecutionSuccess'
                      : e.outcome === 'execution_failure'
                        ? 'ExecutionFailure'
                        : 'Reverted'}
                    {e.origin === 'chain' && <span className="muted small"> (executed elsewhere)</span>}
                  </td>
                  <td className="mono small">{e.txHash}</td>
                  <td className="num mono">{e.blockNumber ?? '—'}</td>
                  <td className="num mono">{e.gasUsed ? Number(e.gasUsed).toLocaleString() : '—'}</td>
                  <td>{e.executor ? <AddressLabel address={e.executor} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}

      <div className="row actions-bar">
        {p.can.submit && (
          <button className="primary" onClick={() => void act('submit', () => proposalsSubmit({ id: p.id }))}>
            Submit for signatures
          </button>
        )}
        {p.can.reject && (
          <button
            onClick={async () => {
              const r = await act('reject', () => proposalsReject({ id: p.id }))
              if (r) go(`proposals/${r.id}`)
            }}
            disabled={busy !== null}
          >
            Reject on chain…
          </button>
        )}
        {p.can.cancel && (
          <button onClick={() => void act('cancel', () => proposalsCancel({ id: p.id }))} disabled={busy !== null}>
            Cancel locally
          </button>
        )}
        {p.can.edit && !editing && <button onClick={() => setEditing(true)}>Edit details</button>}
        <button
          onClick={async () => {
            try {
              const out = await proposalsExportTxBuilder({ id: p.id })
              downloadText(out.fileName, out.json)
            } catch (error) {
              useApp.setState({ detailError: error instanceof Error ? error.message : String(error) })
            }
          }}
        >
          Export for Transaction Builder
        </button>
      </div>
      {editing && (
        <EditDetails
          detail={p}
          onDone={async (fields) => {
            if (fields) {
              const saved = await act('edit', () => proposalsUpdate({ id: p.id, ...fields }))
              if (!saved) return
            }
            setEditing(false)
          }}
        />
      )}
      {p.can.cancel && (
        <p className="muted small">
          Cancelling only closes it here. Signatures already given stay valid on chain until the nonce is used: a
          rejection does that.
        </p>
      )}
      {p.outflows.length > 0 && p.status === 'executed' && (
        <p className="muted small">
          Paid out: {p.outflows.map((o) => `${humanAmount(o.amount, o.decimals)} ${o.symbol}`).join(', ')}
        </p>
      )}
    </section>
  )
}
