import { useState } from 'react'
import { useNonceInfo } from './queries'
import { ErrorNote } from '../../ui'
import { errorInfo, type ShownError } from '../../data'
import { go } from '../../lib/route'
import { proposalsCreate } from './mutations'
import { useNative } from '../tokens'
import { useSafeOverview, useSafes } from '../safes'
import { SafeSelect } from './SafeSelect'
import { useLabels } from '../addressbook'
import { emptyPart, ownerChangeBody, transactionsBody, type OwnerDraft, type PartDraft } from './new/body'
import { PartFields } from './new/PartFields'
import { OwnerChangeFields } from './new/OwnerChangeFields'

export function NewProposal() {
  const nonceInfo = useNonceInfo()
  const overview = useSafeOverview().data ?? null
  const safes = useSafes()
  const labels = useLabels()
  const native = useNative()
  const [mode, setMode] = useState<'transactions' | 'owner_change'>('transactions')
  const [safe, setSafe] = useState('')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState('')
  const [budgetLineId, setBudgetLineId] = useState('')
  const [grantLink, setGrantLink] = useState('')
  const [nonce, setNonce] = useState('')
  const [draft, setDraft] = useState(false)
  const [parts, setParts] = useState<PartDraft[]>([emptyPart()])
  const [owner, setOwner] = useState<OwnerDraft>({ change: 'add_owner', owner: '', newOwner: '', threshold: '' })
  const [error, setError] = useState<ShownError | null>(null)
  const [saving, setSaving] = useState(false)

  const tokens = (overview?.balances ?? []).filter((b) => b.address !== null)
  const target = safe || overview?.address || ''
  const update = (i: number, patch: Partial<PartDraft>) =>
    setParts(parts.map((p, k) => (k === i ? { ...p, ...patch } : p)))

  const buildBody = () => (mode === 'owner_change' ? ownerChangeBody(owner) : transactionsBody(parts, tokens, native))

  const submit = async () => {
    setError(null)
    setSaving(true)
    try {
      const created = await proposalsCreate({
        safe: target,
        title,
        description: description || undefined,
        category: category || null,
        budgetLineId: budgetLineId || null,
        grantLink: grantLink || null,
        nonce: nonce.trim() === '' ? undefined : Number(nonce),
        draft,
        body: buildBody(),
      })
      go(`proposals/${created.id}`)
    } catch (e) {
      setError(errorInfo(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <section>
      <p>
        <a href="#/proposals">← Queue</a>
      </p>
      <h1>New proposal</h1>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <fieldset>
          <legend>Purpose</legend>
          <label>
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={140} />
          </label>
          <label>
            Description
            <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={5000} />
          </label>
          <div className="row">
            <label>
              Category
              <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={60} />
            </label>
            <label>
              Budget line
              <input value={budgetLineId} onChange={(e) => setBudgetLineId(e.target.value)} maxLength={120} />
            </label>
            <label>
              Grant link
              <input value={grantLink} onChange={(e) => setGrantLink(e.target.value)} maxLength={500} />
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>Safe and nonce</legend>
          <div className="row">
            <SafeSelect value={target} safes={safes} onChange={setSafe} withAddress />
            <label>
              Nonce
              <input
                value={nonce}
                onChange={(e) => setNonce(e.target.value)}
                inputMode="numeric"
                placeholder={nonceInfo ? `${nonceInfo.suggested} (suggested)` : 'next'}
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={draft} onChange={(e) => setDraft(e.target.checked)} /> Save as draft
            </label>
          </div>
          <p className="muted small">
            Leave the nonce empty to queue after the last open proposal. Reusing a nonce creates a conflict on purpose
            (a replacement): only one of the proposals on it can execute.
          </p>
        </fieldset>
        {/* Two toggle buttons (not tabs: there is one form below, not two panels); the pressed one is the type. */}
        <div role="group" aria-label="Proposal type" className="row">
          <button type="button" aria-pressed={mode === 'transactions'} onClick={() => setMode('transactions')}>
            Payments and calls
          </button>
          <button type="button" aria-pressed={mode === 'owner_change'} onClick={() => setMode('owner_change')}>
            Owners and threshold
          </button>
        </div>
        {mode === 'transactions' ? (
          <>
            {parts.map((p, i) => (
              <PartFields
                key={i}
                part={p}
                index={i}
                batched={parts.length > 1}
                tokens={tokens}
                native={native}
                update={(patch) => update(i, patch)}
                remove={() => setParts(parts.filter((_, k) => k !== i))}
              />
            ))}
            <button type="button" onClick={() => setParts([...parts, emptyPart()])}>
              Add a transaction
            </button>
          </>
        ) : (
          <OwnerChangeFields owner={owner} overview={overview} labels={labels} set={setOwner} />
        )}
        <ErrorNote error={error} testId="form-error" />
        <div className="row">
          <button className="primary" type="submit" disabled={saving || !target}>
            {saving ? 'Saving…' : draft ? 'Save draft' : 'Propose'}
          </button>
        </div>
      </form>
    </section>
  )
}
