import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser'
import { jsonNestingExceeds } from '../json-depth'

/** An argument nests a few levels; far deeper is hostile (and would overflow the recursive parser). */
const MAX_NESTING = 64

/**
 * A JSON number kept as the text the file wrote. JSON.parse would turn 296497184744719253504 into the float
 * 296497184744719250000; amounts must never pass through a JavaScript number.
 */
export class JsonNumberText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

export type LosslessJson = string | boolean | null | JsonNumberText | LosslessJson[] | { [key: string]: LosslessJson }

/** A parsed tree node → its value, numbers as their source text. */
export function losslessValue(node: Node, text: string): LosslessJson {
  switch (node.type) {
    case 'object': {
      const out: { [key: string]: LosslessJson } = Object.create(null) as { [key: string]: LosslessJson }
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? []
        if (key && value) out[String(key.value)] = losslessValue(value, text)
      }
      return out
    }
    case 'array':
      return (node.children ?? []).map((child) => losslessValue(child, text))
    case 'number':
      return new JsonNumberText(text.slice(node.offset, node.offset + node.length))
    case 'string':
      return String(node.value)
    case 'boolean':
      return Boolean(node.value)
    default:
      return null
  }
}

/** Strict JSON → value with numbers as text; throws with jsonc-parser's reason. */
export function parseLosslessJson(text: string): LosslessJson {
  if (jsonNestingExceeds(text, MAX_NESTING).exceeds) throw new Error(`nested deeper than ${MAX_NESTING} levels`)
  const errors: ParseError[] = []
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (errors.length || !root) throw new Error(errors[0] ? printParseErrorCode(errors[0].error) : 'empty')
  return losslessValue(root, text)
}
