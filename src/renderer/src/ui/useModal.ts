import { useEffect, useRef } from 'react'

/**
 * Drives a `<dialog>` as a modal from `open`: shows it (remembering what had focus, in `returnTo`) and closes it.
 * `onOpened` runs as it opens (reset a filter), `onClosed` once it has closed (give focus back). `props` go on the
 * dialog: its ref, and Escape asking `onDismiss` instead of closing it behind the state's back.
 */
export function useModal(open: boolean, hooks: { onOpened?(): void; onClosed?(): void; onDismiss?(): void } = {}) {
  const ref = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  const latest = useRef(hooks)
  useEffect(() => {
    latest.current = hooks
  })
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      latest.current.onOpened?.()
      d.showModal()
    } else if (!open && d.open) {
      d.close()
      latest.current.onClosed?.()
    }
  }, [open])
  const onCancel = (event: { preventDefault(): void }) => {
    event.preventDefault()
    latest.current.onDismiss?.()
  }
  return { ref, returnTo, props: { ref, onCancel } }
}
