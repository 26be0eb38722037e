import { useState, type FormEvent } from 'react'
import type { SignerInfo, SupportChoice } from '../../../../shared/contract'
import { errorMessage } from '../../data/client'
import { send } from '../../data'
import { Options, addressOptions, TextInput } from '../../ui'
import { GoButton } from './common'
import type { OpenVote } from './councilData'

/** One open vote: its tally, and a short form to sign and record my vote with an unlocked key. */
export function VoteItem({ vote, keys, onVoted }: { vote: OpenVote; keys: SignerInfo[]; onVoted(): void }) {
  const unlocked = vote.notVoted.filter((k) => k.unlocked)
  const [voter, setVoter] = useState(unlocked[0]?.address ?? '')
  const [support, setSupport] = useState<SupportChoice>('for')
  const [reason, setReason] = useState('')
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: string | null }>({
    busy: false,
    error: null,
    done: null,
  })
  // After a vote the list of keys that still may vote shrinks: never keep a choice that is no longer offered.
  const chosen = unlocked.some((k) => k.address === voter) ? voter : (unlocked[0]?.address ?? '')
  const formId = `vote-${vote.id.slice(2, 10)}`
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setState({ busy: true, error: null, done: null })
    try {
      const file = await send('governance.signVote', { id: vote.id, voter: chosen, support, reason })
      const result = await send('governance.importVotes', { text: file.text })
      if (result.accepted + result.superseded === 0) throw new Error('the vote was not counted')
      setState({ busy: false, error: null, done: `Your vote (${support}) is recorded.` })
      onVoted()
    } catch (err) {
      setState({ busy: false, error: errorMessage(err), done: null })
    }
  }
  return (
    <section className="home-item vote-item" aria-labelledby={`${formId}-h`}>
      <div className="home-item-main">
        <h3 id={`${formId}-h`} className="home-item-title">
          {vote.title} <span className="muted small">{vote.kindLabel}</span>
        </h3>
        <p className="small">
          {vote.voters} voter{vote.voters === 1 ? '' : 's'} so far · voting ends at block {vote.endBlock}
          {vote.quorumReached === true && ' · quorum met'}
        </p>
        {keys.length === 0 ? (
          <p className="small muted">Add your key on the keys page to vote here, or sign a vote file in any wallet.</p>
        ) : vote.notVoted.length === 0 ? (
          <p className="small ok">Your keys have voted on this one.</p>
        ) : unlocked.length === 0 ? (
          <p className="small muted">
            Needs your vote ({vote.notVoted.map((k) => k.label).join(', ')}): unlock your key to sign it here.
          </p>
        ) : (
          <form className="vote-form" onSubmit={(e) => void submit(e)} aria-label={`Vote on ${vote.title}`}>
            <label htmlFor={`${formId}-voter`}>Vote as</label>
            <select id={`${formId}-voter`} value={chosen} onChange={(e) => setVoter(e.target.value)}>
              <Options options={addressOptions(unlocked)} />
            </select>
            <fieldset>
              <legend>Your vote</legend>
              {(['for', 'against', 'abstain'] as const).map((s) => (
                <label key={s} className="inline">
                  <input
                    type="radio"
                    name={`${formId}-support`}
                    value={s}
                    checked={support === s}
                    onChange={() => setSupport(s)}
                  />{' '}
                  {s === 'for' ? 'For' : s === 'against' ? 'Against' : 'Abstain'}
                </label>
              ))}
            </fieldset>
            <label htmlFor={`${formId}-reason`}>Reason (optional, public)</label>
            <TextInput id={`${formId}-reason`} type="text" value={reason} maxLength={1000} onText={setReason} />
            <button type="submit" className="primary" disabled={state.busy || !chosen}>
              {state.busy ? 'Signing…' : 'Sign and record my vote'}
            </button>
          </form>
        )}
        <div aria-live="polite">
          {state.done && <p className="small ok">{state.done}</p>}
          {state.error && <p className="error">The vote was not recorded: {state.error}</p>}
        </div>
      </div>
      <GoButton to={`governance/${vote.id}`}>Details and tally</GoButton>
    </section>
  )
}
