import { useEffect } from 'react'
import { useApp } from '../../store'

/** Council members are the Safe's owners as last read from the chain. */
export function CouncilSelect({
  id,
  label,
  value,
  onChange,
  required = true,
}: {
  id: string
  label: string
  value: string
  onChange(v: string): void
  required?: boolean
}) {
  const overview = useApp((s) => s.overview)
  const loadOverview = useApp((s) => s.loadOverview)
  useEffect(() => {
    if (!overview) void loadOverview()
  }, [overview, loadOverview])
  const owners = overview?.owners ?? []
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required}>
        <option value="">Choose a council member…</option>
        {owners.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  )
}
