import { useState, type FormEvent } from 'react'
import type { AccountingFormat } from '../../../../shared/contract'
import { downloadText } from '../../lib/amounts'
import { ErrorNote, NO_PERIOD, PeriodFields, periodInput } from '../../ui'
import { useAccountingExport } from './mutations'
import { useChainSafes, useChainTokens } from './queries'

const FORMATS: Array<{ id: AccountingFormat; label: string; hint: string }> = [
  { id: 'bank-statement', label: 'Bank statement CSV', hint: 'Date, Amount, Payee, Description, Reference (Xero, QuickBooks); one token' },
  { id: 'journal', label: 'Double-entry journal CSV', hint: 'date, account, debit, credit, token, amount, value, tx hash' },
]

/** One Safe's movements in a period as a CSV an accounting package imports; each export is audited. */
export function AccountingExport() {
  const safes = useChainSafes()
  const chainId = safes.data?.[0]?.chainId ?? null
  const tokens = useChainTokens(chainId)
  const exporting = useAccountingExport()
  const [safe, setSafe] = useState('')
  const [format, setFormat] = useState<AccountingFormat>('bank-statement')
  const [token, setToken] = useState('native')
  const [period, setPeriod] = useState(NO_PERIOD)
  const chosenSafe = safe || safes.data?.[0]?.address || ''

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const file = await exporting.run({
      safe: chosenSafe,
      format,
      ...(format === 'bank-statement' ? { token } : {}),
      ...periodInput(period),
    })
    if (file) downloadText(file.fileName, file.csv, 'text/csv')
  }

  return (
    <form className="card export-form" onSubmit={(e) => void submit(e)} aria-labelledby="accounting-h">
      <h2 id="accounting-h">Accounting export</h2>
      <div className="row">
        <label>
          Safe
          <select value={chosenSafe} onChange={(e) => setSafe(e.target.value)}>
            {(safes.data ?? []).map((s) => (
              <option key={s.address} value={s.address}>
                {s.label ? `${s.label} (${s.address})` : s.address}
              </option>
            ))}
          </select>
        </label>
        <label>
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as AccountingFormat)}>
            {FORMATS.map((f) => (
              <option key={f.id} value={f.id} title={f.hint}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {format === 'bank-statement' && (
          <label>
            Token
            <select value={token} onChange={(e) => setToken(e.target.value)}>
              <option value="native">{tokens.data?.native.symbol ?? 'Native coin'}</option>
              {(tokens.data?.tokens ?? [])
                .filter((t) => !t.hidden)
                .map((t) => (
                  <option key={t.address} value={t.address}>
                    {t.symbol}
                  </option>
                ))}
            </select>
          </label>
        )}
        <PeriodFields period={period} onChange={setPeriod} />
      </div>
      <p className="muted small">{FORMATS.find((f) => f.id === format)?.hint}</p>
      <button type="submit" disabled={exporting.busy || !chosenSafe}>
        {exporting.busy ? 'Reading the chain…' : 'Export CSV'}
      </button>
      {exporting.data && (
        <p data-testid="accounting-done">
          {exporting.data.fileName}: {exporting.data.entries} movements
        </p>
      )}
      <ErrorNote error={exporting.error} />
    </form>
  )
}
