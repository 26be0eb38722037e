import type { InputHTMLAttributes } from 'react'

/** A controlled input that hands its text (not the change event) to `onText`. */
export function TextInput({
  onText,
  ...input
}: { onText(text: string): void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'>) {
  return <input {...input} onChange={(e) => onText(e.target.value)} />
}
