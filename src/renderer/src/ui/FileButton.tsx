import type { ReactNode } from 'react'

/**
 * A button that opens the file picker. The chosen file is handed over once and the input cleared, so choosing the
 * same file again (after fixing it) is seen as a new choice.
 */
export function FileButton({
  children,
  accept,
  label,
  onFile,
}: {
  children: ReactNode
  accept: string
  /** The input's accessible name (tests and screen readers find the picker by it). */
  label: string
  onFile(file: File): void | Promise<void>
}) {
  return (
    <label className="file-button">
      {children}
      <input
        type="file"
        accept={accept}
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void onFile(file)
        }}
      />
    </label>
  )
}
