import type { SafeSummary } from '../../../../shared/contract'
import { Options } from '../../ui'

/** Which of the active chain's Safes a new proposal or an imported batch goes to. */
export function SafeSelect({
  value,
  safes,
  onChange,
  withAddress = false,
}: {
  value: string
  safes: SafeSummary[]
  onChange(address: string): void
  /** Show the address beside the Safe's label (where two Safes may share a name). */
  withAddress?: boolean
}) {
  const name = (s: SafeSummary) => (s.label ? (withAddress ? `${s.label} (${s.address})` : s.label) : s.address)
  return (
    <label>
      Safe
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <Options options={safes.map((s) => ({ value: s.address, label: name(s) }))} />
      </select>
    </label>
  )
}
