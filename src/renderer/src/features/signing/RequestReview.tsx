import { useState } from 'react'
import type { ExportedDoc, RequestView, SignatureInfo } from '../../../../shared/contract'
import { Busy, ErrorNote, Options, addressOptions } from '../../ui'
import { useNamedAction } from '../../data'
import { downloadText } from '../../lib/files'
import { useKeys } from '../keys'
import {
  LedgerSign,
  QrDeviceSign,
  hardwareDeviceHashes,
  hardwareLedgerSign,
  hardwareQrImportSignature,
  hardwareQrRequest,
} from '../hardware'
import { QrCycle } from '../../ui/QrCycle'
import { signingExportRequest, signingExportSignature, signingSign } from './mutations'
import { showRequest } from './queries'
import { Calls, SignedFields, Transfers } from './DecodedCalls'

const SOURCE_LABEL = {
  local: 'signed here',
  imported: 'imported',
  onchain: 'approved on chain',
  txservice: 'from the Safe Transaction Service',
} as const satisfies Record<SignatureInfo['source'], string>

/** The review screen: what the transaction does, decoded by this app from its bytes, with every warning. */
export function RequestReview({ view }: { view: RequestView }) {
  const { data: keys } = useKeys()
  const review = view.review
  const tx = review.safeTx
  const signed = new Set(view.signatures.map((s) => s.signer))
  const owners = review.owners ?? []
  const candidates = (keys?.signers ?? []).filter(
    (s) =>
      s.kind === 'local' && s.unlocked && !signed.has(s.address) && (owners.length === 0 || owners.includes(s.address)),
  )
  const [signer, setSigner] = useState('')
  const [accepted, setAccepted] = useState(false)
  const { busy, error, run } = useNamedAction()
  const [shared, setShared] = useState<{ what: string; doc: ExportedDoc } | null>(null)
  const dangers = review.warnings.filter((w) => w.severity === 'danger')
  const chosen = signer || candidates[0]?.address || ''

  return (
    <article className="card review" aria-labelledby="review-h" data-testid="review">
      <header className="page-head">
        <div>
          <h2 id="review-h">Review before signing</h2>
          {review.description && (
            <p>
              <span className="muted">Note from the request (its maker&apos;s words, not checked):</span>{' '}
              <q>{review.description}</q>
            </p>
          )}
          <p className="muted small">
            Chain {review.chainId} · Safe <span className="mono">{review.safe}</span> (v{review.safeVersion}) · nonce{' '}
            {tx.nonce}
            {review.safeNonce !== null && ` (the Safe is at ${review.safeNonce}, per ${review.stateSource})`}
          </p>
          <p className="mono small" data-testid="safe-tx-hash">
            {review.safeTxHash}
          </p>
        </div>
        <div className="progress">
          <p className="big" data-testid="progress" aria-describedby="progress-caption">
            {view.progress.collected} of {view.progress.threshold ?? '?'}
          </p>
          <p id="progress-caption" className="muted small">
            signatures needed
          </p>
        </div>
      </header>

      {review.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {review.warnings.map((w, i) => (
            <li
              key={i}
              className={w.severity === 'danger' ? 'banner danger' : 'banner warn'}
              role={w.severity === 'danger' ? 'alert' : undefined}
            >
              <strong>{w.severity === 'danger' ? 'Danger' : 'Caution'}:</strong> {w.message}
            </li>
          ))}
        </ul>
      )}

      <h3>Recipients</h3>
      <Transfers transfers={review.transfers} />

      <h3>What it does</h3>
      <Calls calls={review.calls} />

      <SignedFields tx={tx} />

      <h3>Signatures</h3>
      {view.signatures.length === 0 ? (
        <p className="muted">
          None yet. Sign below with an unlocked owner key, or import a signature file on this page.
        </p>
      ) : (
        <ul className="signatures" data-testid="signatures">
          {view.signatures.map((s) => (
            <li key={s.signer}>
              <span className="mono small">{s.signer}</span> {s.label && <strong>{s.label}</strong>}{' '}
              <span className="muted small">
                {SOURCE_LABEL[s.source]} · {s.kind}
              </span>
              {s.isOwner === false && <span className="chip danger">not an owner: does not count</span>}
            </li>
          ))}
        </ul>
      )}

      {busy && <Busy label={busy} />}
      <ErrorNote error={error} />

      <div className="actions">
        <section aria-labelledby="sign-h">
          <h3 id="sign-h">Sign</h3>
          {candidates.length === 0 ? (
            <p className="muted small">Unlock an owner&apos;s key on the Signers page to sign here.</p>
          ) : (
            <div className="stack">
              <label>
                Sign as
                <select value={chosen} onChange={(e) => setSigner(e.target.value)}>
                  <Options options={addressOptions(candidates, true)} />
                </select>
              </label>
              {dangers.length > 0 && (
                <label className="inline">
                  <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />I read the
                  warnings above and sign anyway
                </label>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy !== null || (dangers.length > 0 && !accepted)}
                onClick={() =>
                  void run('Signing…', async () => {
                    const result = await signingSign({
                      safeTxHash: review.safeTxHash,
                      signer: chosen,
                      acceptWarnings: accepted,
                    })
                    showRequest(result.view)
                    setShared({ what: 'Signature', doc: result.bundle })
                  })
                }
              >
                Sign with this key
              </button>
            </div>
          )}
          <QrDeviceSign
            request={(signer) => hardwareQrRequest({ safeTxHash: review.safeTxHash, signer })}
            owners={owners.filter((o) => !signed.has(o))}
            onAnswer={async (parts) => {
              const result = await hardwareQrImportSignature({ parts })
              showRequest(result.view)
              return true
            }}
          />
          <LedgerSign
            hashes={() => hardwareDeviceHashes({ safeTxHash: review.safeTxHash })}
            owners={owners.filter((o) => !signed.has(o))}
            onSign={async (signer) => {
              let done = false
              await run('Signing on the Ledger…', async () => {
                showRequest((await hardwareLedgerSign({ safeTxHash: review.safeTxHash, signer })).view)
                done = true
              })
              return done
            }}
          />
        </section>
        <section aria-labelledby="share-h">
          <h3 id="share-h">Share</h3>
          <div className="row">
            <button
              type="button"
              onClick={() =>
                void run('Exporting the request…', async () => {
                  const doc = await signingExportRequest({ safeTxHash: review.safeTxHash })
                  downloadText(doc.fileName, doc.json)
                  setShared({ what: 'Signing request', doc })
                })
              }
            >
              Export the request
            </button>
            {view.signatures.map((s) => (
              <button
                type="button"
                key={s.signer}
                onClick={() =>
                  void run('Exporting the signature…', async () => {
                    const doc = await signingExportSignature({
                      safeTxHash: review.safeTxHash,
                      signer: s.signer,
                    })
                    downloadText(doc.fileName, doc.json)
                    setShared({ what: `Signature of ${s.label ?? s.signer.slice(0, 8)}`, doc })
                  })
                }
              >
                Export {s.label ?? s.signer.slice(0, 8)}&apos;s signature
              </button>
            ))}
          </div>
        </section>
      </div>

      {shared && (
        <section className="share" aria-labelledby="shared-h">
          <h3 id="shared-h">{shared.what}</h3>
          <p className="muted small">
            Saved as <span className="mono">{shared.doc.fileName}</span>. Or carry it across the air gap as QR codes:
          </p>
          <QrCycle
            images={shared.doc.qr.images}
            name={shared.doc.fileName.replace(/\.json$/, '')}
            label={shared.what}
          />
          <div className="row">
            <button type="button" onClick={() => downloadText(shared.doc.fileName, shared.doc.json)}>
              Save the file again
            </button>
            <button type="button" onClick={() => setShared(null)}>
              Close
            </button>
          </div>
        </section>
      )}
    </article>
  )
}
