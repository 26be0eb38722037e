/** After a jump to another page, the keyboard continues from the top of the main region. */
export function focusMain(): void {
  // The page renders on the hash change; wait a frame so focus lands in the new page, not the old one.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: false }))
}

/** True while the user types: single-key shortcuts must not fire in a field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type)
}
