import type { KeysState, ProposalSummary, SignerInfo } from '../../../../shared/contract'
import { errorMessage } from '../../data/client'
import { read } from '../../data'
import { Empty, GoButton, HomeCard, ProposalItem, useLoad } from './common'

export interface WaitingProposal extends ProposalSummary {
  /** My keys that own the Safe and have not signed this one yet. */
  mine: SignerInfo[]
}

interface SignerData {
  keys: KeysState
  waiting: WaitingProposal[]
  /** Local keys that own none of the workspace's Safes (as last read). */
  notOwners: SignerInfo[]
  /** Safes whose owners could not be read (never synced and the chain does not answer). */
  unreadable: Array<{ address: string; reason: string }>
}

/**
 * What waits for MY signature: open proposals awaiting signatures on Safes that one of my local keys owns (owners
 * as last read from the chain: this works offline), which that key has not signed yet.
 */
export async function loadWaiting(): Promise<SignerData> {
  const keys = await read('keys.list', {})
  const local = keys.signers.filter((s) => s.kind === 'local')
  const safes = await read('safe.list', {})
  const byId = new Map<number, WaitingProposal>()
  const owning = new Set<string>()
  const unreadable: SignerData['unreadable'] = []
  for (const safe of safes) {
    let overview
    try {
      overview = await read('safe.overview', { address: safe.address })
    } catch (e) {
      unreadable.push({ address: safe.address, reason: errorMessage(e) })
      continue
    }
    const owners = new Set(overview.owners)
    for (const key of local.filter((k) => owners.has(k.address))) {
      owning.add(key.address)
      const list = await read('proposals.list', {
        safe: safe.address,
        view: 'queue',
        status: ['awaiting_signatures'],
        signer: key.address,
        signerState: 'not_signed',
        limit: 500,
      })
      for (const row of list.rows) {
        const entry = byId.get(row.id) ?? { ...row, mine: [] }
        entry.mine.push(key)
        byId.set(row.id, entry)
      }
    }
  }
  const waiting = [...byId.values()].sort((a, b) => a.nonce - b.nonce || a.id - b.id)
  return { keys, waiting, notOwners: local.filter((k) => !owning.has(k.address)), unreadable }
}

export function SignerHome() {
  const state = useLoad(loadWaiting)
  const { data } = state
  const local = data?.keys.signers.filter((s) => s.kind === 'local') ?? []
  return (
    <div className="home-grid">
      <HomeCard
        id="waiting-for-me"
        title="Waiting for your signature"
        count={data ? data.waiting.length : null}
        load={{
          state,
          what: 'proposals waiting for your signature',
          reload: true,
          failed: 'The proposals waiting for you',
        }}
      >
        {data?.unreadable.map((u) => (
          <p key={u.address} className="banner warn small">
            The owners of Safe <span className="mono">{u.address}</span> are unknown (never read, and the chain does not
            answer: {u.reason}). Its proposals show here once the chain answers.
          </p>
        ))}
        {data && local.length === 0 && (
          <Empty action={{ label: 'Add or import your key', to: 'signers' }}>
            This app holds no signer key yet, so it cannot tell what waits for you. Add your owner key (or, on the
            sandbox, import the demo signers); proposals that need it then appear here.
          </Empty>
        )}
        {data && local.length > 0 && data.waiting.length === 0 && (
          <Empty action={{ label: 'Open the queue', to: 'proposals' }}>
            Nothing waits for your signature. New proposals appear here when someone proposes a transaction on a Safe
            your keys co-own; you can also sign a request file someone sent you on the Sign page.
          </Empty>
        )}
        {data && data.waiting.length > 0 && (
          <ul className="home-list" data-testid="waiting-list">
            {data.waiting.map((p) => (
              <ProposalItem
                key={p.id}
                p={p}
                act="Review and sign"
                extra={p.conflicts > 0 && <span className="chip warn"> nonce shared with {p.conflicts} other</span>}
              >
                <p className="small muted">
                  Needs:{' '}
                  {p.mine.map((k, i) => (
                    <span key={k.address}>
                      {i > 0 && ', '}
                      {k.label} {k.unlocked ? '(unlocked)' : '(locked: unlock it on the Signers page to sign here)'}
                    </span>
                  ))}
                </p>
              </ProposalItem>
            ))}
          </ul>
        )}
      </HomeCard>
      <HomeCard id="my-keys" title="Your keys" load={{ state, what: 'your keys' }}>
        {data && local.length === 0 && <p className="muted">No local key yet.</p>}
        {data && local.length > 0 && (
          <ul className="home-list compact">
            {local.map((k) => (
              <li key={k.address}>
                <strong>{k.label}</strong>{' '}
                <span className={k.unlocked ? 'chip ok' : 'chip'}>{k.unlocked ? 'unlocked' : 'locked'}</span>
                <br />
                <span className="mono small">{k.address}</span>
                {data.notOwners.some((n) => n.address === k.address) && (
                  <span className="chip warn">not an owner of any Safe here</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="small muted">
          Signing on an offline machine? Export the request from a proposal, sign it with <code>treasury sign</code>,
          and import the signature on the Sign page.
        </p>
        <div className="row">
          <GoButton to="sign">Sign or import a file</GoButton>
          <GoButton to="signers">Manage keys</GoButton>
        </div>
      </HomeCard>
    </div>
  )
}
