/** A list row's Remove button; `label` names what it removes for assistive technology (the button reads "Remove"). */
export function RemoveButton({ label, onRemove }: { label?: string; onRemove(): void }) {
  return (
    <button type="button" aria-label={label} onClick={onRemove}>
      Remove
    </button>
  )
}
