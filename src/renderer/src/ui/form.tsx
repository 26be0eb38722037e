import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react'
import { z } from 'zod'
import { zodResolver } from '@hookform/resolvers/zod'
import {
  useForm,
  type FieldErrors,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormReturn,
} from 'react-hook-form'
import { contract, type CallInput, type CallName } from '../../../shared/contract'
import { humanIssue } from '../data/messages'
import type { ShownError } from '../data/errors'
import { ErrorNote } from './ErrorNote'

/**
 * The form's values checked by the call's own contract schema (the one the API checks at its boundary): `toInput`
 * turns what was typed (a decimal amount, a line picked by id) into the call's input; what it throws, or what the
 * schema refuses, comes back as an error in words a user reads.
 */
export function callFormSchema<N extends CallName, V extends FieldValues>(
  name: N,
  toInput: (values: V) => CallInput<N> = (v) => v as unknown as CallInput<N>,
) {
  const schema = contract[name].input as z.ZodType
  return z
    .any()
    .transform((values: V, ctx): unknown => {
      try {
        return toInput(values)
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error), path: [] })
        return z.NEVER
      }
    })
    .pipe(schema)
}

/** Rewrites zod's default messages in a resolver's errors into sentences; the contract's own messages stay. */
export function humanErrors<V extends FieldValues>(errors: FieldErrors<V>): FieldErrors<V> {
  const walk = (node: unknown, path: string[]): unknown => {
    if (!node || typeof node !== 'object') return node
    const leaf = node as { message?: unknown; type?: unknown }
    if (typeof leaf.message === 'string' && 'type' in leaf)
      return { ...leaf, message: humanIssue(path.join('.'), leaf.message) }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]))
  }
  return walk(errors, []) as FieldErrors<V>
}

/** A react-hook-form form whose resolver is the call's contract schema. */
export function useCallForm<N extends CallName, V extends FieldValues>(
  name: N,
  options: { defaultValues: V; toInput?: (values: V) => CallInput<N> },
): UseFormReturn<V, unknown, CallInput<N>> {
  const inner = zodResolver(callFormSchema(name, options.toInput)) as unknown as Resolver<V, unknown, CallInput<N>>
  const resolver: Resolver<V, unknown, CallInput<N>> = async (values, context, opts) => {
    const result = await inner(values, context, opts)
    return Object.keys(result.errors).length
      ? { values: {}, errors: humanErrors<V>(result.errors as FieldErrors<V>) }
      : result
  }
  return useForm<V, unknown, CallInput<N>>({ defaultValues: options.defaultValues as DefaultValues<V>, resolver })
}

/** Every message of a form's errors, one sentence each: shown once under the form. */
export function formMessage(errors: FieldErrors): string | null {
  const out: string[] = []
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    const leaf = node as { message?: unknown; type?: unknown }
    if (typeof leaf.message === 'string' && 'type' in leaf) out.push(leaf.message)
    else for (const [k, v] of Object.entries(node)) if (k !== 'ref') walk(v)
  }
  walk(errors)
  return out.length ? out.join(' ') : null
}

// The fields read and register values only; what the form submits (its third type) does not concern them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormOf<V extends FieldValues> = UseFormReturn<V, any, any>

function invalid<V extends FieldValues>(form: FormOf<V>, name: Path<V>): boolean {
  return Boolean(form.getFieldState(name, form.formState).error)
}

/** A labelled input bound to a form field. */
export function TextField<V extends FieldValues>({
  form,
  name,
  label,
  children,
  ...input
}: { form: FormOf<V>; name: Path<V>; label: ReactNode; children?: ReactNode } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'form' | 'name'
>) {
  return (
    <label>
      {label}
      <input {...input} {...form.register(name)} aria-invalid={invalid(form, name) || undefined} />
      {children}
    </label>
  )
}

/** A labelled select bound to a form field; the first option asks for a choice. */
export function SelectField<V extends FieldValues>({
  form,
  name,
  label,
  options,
  placeholder = 'Choose…',
  ...select
}: {
  form: FormOf<V>
  name: Path<V>
  label: ReactNode
  options: ReadonlyArray<{ value: string | number; label: string }>
  placeholder?: string
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'name'>) {
  return (
    <label>
      {label}
      <select {...select} {...form.register(name)} aria-invalid={invalid(form, name) || undefined}>
        <option value="">{placeholder}</option>
        <Options options={options} />
      </select>
    </label>
  )
}

/** A select's options, each its value and the words shown for it. */
export function Options({ options }: { options: ReadonlyArray<{ value: string | number; label: string }> }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  )
}

/** Named addresses (signers, council members) as select options: the name, then the address in full or in short. */
export function addressOptions(
  items: ReadonlyArray<{ address: string; label: string }>,
  short = false,
): Array<{ value: string; label: string }> {
  return items.map((i) => ({
    value: i.address,
    label: short ? `${i.label} (${i.address.slice(0, 8)}…)` : `${i.label} · ${i.address}`,
  }))
}

/** A call form's end: its submit button (off while the call runs) and, below it, its errors in words. */
export function FormEnd<V extends FieldValues>({
  form,
  busy,
  error,
  primary,
  children,
}: {
  form: FormOf<V>
  busy: boolean
  error?: ShownError | null
  primary?: boolean
  children: ReactNode
}) {
  return (
    <>
      <button type="submit" className={primary ? 'primary' : undefined} disabled={busy}>
        {children}
      </button>
      <ErrorNote error={formMessage(form.formState.errors) ?? error ?? null} />
    </>
  )
}

/** A form whose submit runs `onSubmit` instead of reloading the page; `label` names it for assistive technology. */
export function ActionForm({
  label,
  className,
  onSubmit,
  children,
}: {
  label: string
  className?: string
  onSubmit(): void
  children: ReactNode
}) {
  return (
    <form
      className={className}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit()
      }}
    >
      {children}
    </form>
  )
}
