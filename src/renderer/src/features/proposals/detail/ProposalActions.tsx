import { useState } from 'react'
import { downloadText } from '../../../lib/files'
import { go } from '../../../lib/route'
import { humanAmount } from '../../../lib/format'
import { EditDetails } from '../EditDetails'
import {
  proposalsCancel,
  proposalsExportTxBuilder,
  proposalsReject,
  proposalsSubmit,
  proposalsUpdate,
} from '../mutations'
import type { DetailPanelProps } from './context'

/** What can be done with the proposal as a whole: submit, reject, cancel, edit its words, export it. */
export function ProposalActions({ p, busy, act, fail }: DetailPanelProps) {
  const [editing, setEditing] = useState(false)
  const exportTxBuilder = async () => {
    try {
      const out = await proposalsExportTxBuilder({ id: p.id })
      downloadText(out.fileName, out.json)
    } catch (error) {
      fail(error)
    }
  }
  return (
    <>
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
        <button onClick={() => void exportTxBuilder()}>Export for Transaction Builder</button>
      </div>
      {editing && (
        <EditDetails
          detail={p}
          onDone={async (fields) => {
            if (fields && !(await act('edit', () => proposalsUpdate({ id: p.id, ...fields })))) return
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
    </>
  )
}
