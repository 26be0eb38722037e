import { useId, type ReactNode } from 'react'
import { useModal } from './useModal'

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
  const titleId = useId()
  const { returnTo, props } = useModal(open, {
    onClosed: () => returnTo.current?.isConnected && returnTo.current.focus(),
    onDismiss: onClose,
  })
  return (
    <dialog {...props} className={className} aria-labelledby={titleId} data-testid={testId}>
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
