import { TextInput } from '../../ui'
import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../data'
import { useDelegation, useGovSettings } from './queries'
import { useGovernanceUi } from './state'
import { humanAmount } from '../../lib/format'
import type { TypedDataRequest } from '../../../../shared/contract'
import { governanceDelegate, governanceDelegationRequest, governanceSubmitDelegation } from './mutations'

export function DelegationPanel() {
  const settings = useGovSettings()
  const [looked, setLooked] = useState('')
  const delegation = useDelegation(looked)
  const info = delegation.data ?? null
  const run = useGovernanceUi((s) => s.run)
  const busy = useGovernanceUi((s) => s.busy)
  const [account, setAccount] = useState(settings?.council[0] ?? '')
  const [to, setTo] = useState('')
  const [typed, setTyped] = useState<TypedDataRequest | null>(null)
  const [signature, setSignature] = useState('')
  const [relayer, setRelayer] = useState(settings?.council[0] ?? '')
  const t = info?.token

  const look = (e: FormEvent) => {
    e.preventDefault()
    setLooked(account.trim())
    void delegation.refetch()
  }
  const submitSigned = (e: FormEvent) => {
    e.preventDefault()
    if (!typed) return
    const m = typed.message
    void run(
      () =>
        governanceSubmitDelegation({
          delegator: account.trim(),
          delegatee: String(m.delegatee),
          nonce: String(m.nonce),
          expiry: String(m.expiry),
          signature: signature.trim(),
          relayer: relayer.trim(),
        }),
      undefined,
      'Delegation submitted with delegateBySig.',
    )
  }

  return (
    <section aria-labelledby="delegation-h">
      <h2 id="delegation-h">Delegation</h2>
      {delegation.error && (
        <p role="alert" className="error">
          {errorMessage(delegation.error)}
        </p>
      )}
      <p className="muted">
        Only delegated tokens vote (ERC20Votes): a holder delegates to itself or to someone else, by a transaction or by
        a signature made offline (delegateBySig) that anyone may submit.
      </p>
      <form className="row" onSubmit={look}>
        <label htmlFor="dl-account">Account</label>
        <TextInput
          id="dl-account"
          className="mono wide"
          list="dl-council"
          value={account}
          onText={setAccount}
          required
        />
        <datalist id="dl-council">
          {settings?.council.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <button type="submit" disabled={busy}>
          Show voting power
        </button>
      </form>
      {info && t && (
        <div className="grid">
          <article className="card" aria-labelledby="dl-power-h" data-testid="delegation-info">
            <h3 id="dl-power-h">Voting power</h3>
            <dl className="facts">
              <dt>Balance</dt>
              <dd className="mono">
                {humanAmount(info.balance, t.decimals)} {t.symbol}
              </dd>
              <dt>Voting power now</dt>
              <dd className="mono" data-testid="dl-votes">
                {humanAmount(info.votes, t.decimals)} {t.symbol}
              </dd>
              <dt>Delegated to it by others</dt>
              <dd className="mono">
                {humanAmount(info.delegatedToMe, t.decimals)} {t.symbol}
              </dd>
              <dt>Its own balance votes through</dt>
              <dd className="mono">
                {info.delegate === null
                  ? 'nobody (not delegated)'
                  : info.delegate === info.account
                    ? 'itself'
                    : info.delegate}
              </dd>
            </dl>
            {info.delegators.length > 0 && (
              <table>
                <caption className="muted small">Delegators</caption>
                <thead>
                  <tr>
                    <th scope="col">Address</th>
                    <th scope="col" className="num">
                      Balance
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {info.delegators.map((d) => (
                    <tr key={d.address}>
                      <td className="mono">{d.address}</td>
                      <td className="num mono">{humanAmount(d.balance, t.decimals)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
          <article className="card stack" aria-labelledby="dl-change-h">
            <h3 id="dl-change-h">Delegate {info.account.slice(0, 8)}…'s votes</h3>
            <label htmlFor="dl-to">To</label>
            <TextInput id="dl-to" className="mono" value={to} onText={setTo} />
            <div className="row">
              <button
                disabled={busy || !to}
                onClick={() =>
                  void run(
                    () => governanceDelegate({ from: info.account, to: to.trim() }),
                    undefined,
                    'Delegated by transaction.',
                  )
                }
              >
                Delegate with the unlocked key
              </button>
              <button
                disabled={busy || !to}
                onClick={() =>
                  void run(
                    () => governanceDelegationRequest({ delegator: info.account, delegatee: to.trim() }),
                    (r) => setTyped(r.typedData),
                  )
                }
              >
                Prepare an offline signature (delegateBySig)
              </button>
            </div>
            {typed && (
              <form className="stack" onSubmit={submitSigned}>
                <pre className="typed-data mono small" tabIndex={0} aria-label="Delegation to sign">
                  {JSON.stringify(typed, null, 2)}
                </pre>
                <label htmlFor="dl-sig">Signature by {info.account}</label>
                <TextInput id="dl-sig" className="mono" value={signature} onText={setSignature} required />
                <label htmlFor="dl-relayer">Submitted by (an unlocked key that pays the gas)</label>
                <TextInput id="dl-relayer" className="mono" value={relayer} onText={setRelayer} required />
                <div>
                  <button type="submit" className="primary" disabled={busy}>
                    Submit the signed delegation
                  </button>
                </div>
              </form>
            )}
          </article>
        </div>
      )}
    </section>
  )
}
