import type { Db } from '../db/open'

const CURRENCY_KEY = 'pricing.currency'
export const DEFAULT_CURRENCY = 'USD'

/** The workspace's reporting currency; USD until the steward chooses another. */
export function reportingCurrency(db: Db): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(CURRENCY_KEY) as { value: string } | undefined
  return row?.value ?? DEFAULT_CURRENCY
}

/** Call inside a mutation. Prices stay tagged with the currency they were quoted in; others are not converted. */
export function setReportingCurrency(db: Db, currency: string): void {
  if (!/^[A-Z]{3,5}$/.test(currency)) throw new Error(`"${currency}" is not a currency code (3 to 5 capital letters)`)
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(CURRENCY_KEY, currency)
}
