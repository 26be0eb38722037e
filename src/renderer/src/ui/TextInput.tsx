import type { InputHTMLAttributes, ReactNode } from 'react'

/**
 * A controlled input that hands its text (not the change event) to `onText`; with a `label`, the input sits inside
 * its label, as every labelled field of the app does.
 */
export function TextInput({
  onText,
  label,
  ...input
}: { onText(text: string): void; label?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'>) {
  const field = <input {...input} onChange={(e) => onText(e.target.value)} />
  if (label === undefined) return field
  return (
    <label>
      {label}
      {field}
    </label>
  )
}

/** A form's draft held in one state object: `field('name')` binds a TextInput to one of its text entries. */
export function draftFields<D extends Record<string, unknown>>(draft: D, setDraft: (draft: D) => void) {
  return <K extends { [P in keyof D]: D[P] extends string ? P : never }[keyof D]>(key: K) => ({
    value: draft[key] as string,
    onText: (text: string) => setDraft({ ...draft, [key]: text }),
  })
}
