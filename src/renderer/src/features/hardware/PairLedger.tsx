import { useState } from 'react'
import type { CallOutput } from '../../../../shared/contract'
import { Busy, ErrorNote } from '../../ui'
import { useNamedAction } from '../../data'
import { hardwareLedgerAccounts, hardwarePairLedger } from './mutations'
import { DeviceAccountTable } from './DeviceAccountTable'

type Accounts = CallOutput<'hardware.ledgerAccounts'>

/**
 * Adds a Ledger account: the first five addresses of the Ledger Live layout (m/44'/60'/x'/0/0) or the legacy one
 * (m/44'/60'/0'/x) are read from the plugged-in device; the chosen one is read again when it is added.
 */
export function PairLedger() {
  const [layout, setLayout] = useState<'live' | 'legacy'>('live')
  const [start, setStart] = useState(0)
  const [accounts, setAccounts] = useState<Accounts | null>(null)
  const [labels, setLabels] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const action = useNamedAction()
  const { busy, error } = action
  const run = (label: string, work: () => Promise<void>) => {
    setNotice(null)
    return action.run(label, work)
  }

  const read = (from: number) =>
    run('read', async () => {
      setStart(from)
      setAccounts(await hardwareLedgerAccounts({ layout, start: from }))
    })

  const pair = (path: string, address: string) =>
    run('pair', async () => {
      const added = await hardwarePairLedger({ path, address, label: labels[address]?.trim() || `Ledger ${path}` })
      setNotice(`${added.label} (Ledger, ${added.path}) is now a signer.`)
      setAccounts((list) => list?.map((a) => (a.address === address ? { ...a, known: true } : a)) ?? null)
    })

  return (
    <section className="card stack" aria-labelledby="pair-ledger-h">
      <h2 id="pair-ledger-h">Add a Ledger account</h2>
      <p className="muted small">Plug the Ledger in by USB, unlock it and open its Ethereum app.</p>
      <div className="row">
        <label>
          Derivation layout
          <select value={layout} onChange={(e) => setLayout(e.target.value as 'live' | 'legacy')}>
            <option value="live">Ledger Live (m/44&apos;/60&apos;/x&apos;/0/0)</option>
            <option value="legacy">Legacy, MEW / MyCrypto (m/44&apos;/60&apos;/0&apos;/x)</option>
          </select>
        </label>
        <button type="button" disabled={busy !== null} onClick={() => void read(0)}>
          Read addresses from the Ledger
        </button>
        {accounts && (
          <button type="button" disabled={busy !== null} onClick={() => void read(start + 5)}>
            Next five
          </button>
        )}
      </div>
      {busy && <Busy label={busy === 'read' ? 'Asking the Ledger…' : 'Checking the address on the Ledger…'} />}
      <ErrorNote error={error} />
      {accounts && (
        <DeviceAccountTable
          accounts={accounts}
          testId="ledger-accounts"
          knownText="Added"
          labels={labels}
          onLabels={setLabels}
          disabled={busy !== null}
          addText={() => 'Add'}
          onAdd={(a) => void pair(a.path, a.address)}
        />
      )}
      {notice && (
        <p role="status" className="banner ok">
          {notice}
        </p>
      )}
    </section>
  )
}
