import type { z } from 'zod'

/**
 * One API call: its input schema (checked at every adapter boundary) and, as a phantom type, its output.
 * Outputs must be JSON-safe (amounts are decimal strings) because they cross IPC and HTTP.
 */
export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I
  /** Phantom: a one-element tuple so `null` in O survives NonNullable. */
  readonly output?: [O]
}

export function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input })
}

export type AnyCall = CallSpec<z.ZodType, unknown>
export type ContractShape = Record<string, AnyCall>

/** Merges capability contracts into one; a name defined twice is a programming error and throws at start. */
export function mergeContracts<T extends ContractShape[]>(...parts: T): UnionToIntersection<T[number]> {
  const merged: Record<string, AnyCall> = {}
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in merged) throw new Error(`API call "${name}" is defined twice`)
      merged[name] = spec
    }
  }
  return merged as UnionToIntersection<T[number]>
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never
