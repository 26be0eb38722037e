import { useEffect, useId, useRef, type ReactNode } from 'react'

/**
 * A modal dialog on the platform's `<dialog>`: Escape and the close button call onClose, focus goes back to where it
 * was when the dialog opened.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  className,
  testId,
}: {
  open: boolean
  title: ReactNode
  onClose(): void
  children: ReactNode
  className?: string
  testId?: string
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      d.showModal()
    } else if (!open && d.open) {
      d.close()
      if (returnTo.current?.isConnected) returnTo.current.focus()
    }
  }, [open])
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      )}
    </dialog>
  )
}
