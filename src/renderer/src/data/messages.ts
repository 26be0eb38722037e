/**
 * Words a user reads for a schema complaint. The contract's zod schemas check both the forms and the API; their
 * own messages ("the period ends before it starts") are kept, zod's defaults ("Too small: expected array to have
 * >=1 items") become a sentence that names the field.
 */

/** `source.budgetLineIds` → `budget lines`; `startsOn` → `starts on`; `criteria.0.weight` → `weight of criterion 1`. */
export function fieldName(path: string): string {
  const parts = path.split('.').filter((p) => p !== '' && p !== '(input)')
  if (parts.length === 0) return 'the form'
  const last = parts[parts.length - 1]
  const index = parts.findIndex((p) => /^\d+$/.test(p))
  const words = (segment: string) =>
    segment
      .replace(/Ids?$/, (m) => (m === 'Ids' ? 's' : ''))
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
  if (/^\d+$/.test(last)) return `item ${Number(last) + 1} of ${words(parts[parts.length - 2] ?? 'the list')}`
  if (index > 0) return `${words(last)} of ${singular(words(parts[index - 1]))} ${Number(parts[index]) + 1}`
  return words(last)
}

function singular(word: string): string {
  if (word.endsWith('ia')) return word.slice(0, -1) + 'on' // criteria → criterion
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y'
  return word.endsWith('s') ? word.slice(0, -1) : word
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Expected|Required|Unrecognized key)/

/** One issue as a sentence: `{ path: 'source.budgetLineIds', message: 'Too small: expected array to have >=1 items' }` → `Choose at least one budget line.` */
export function humanIssue(path: string, message: string): string {
  const field = fieldName(path)
  if (!ZOD_DEFAULT.test(message)) return `${capitalise(field)}: ${message}`
  const small = /^Too small: expected (\w+) to have >=?(\d+) (\w+)/.exec(message)
  if (small) {
    const [, kind, count] = small
    if (kind === 'string')
      return count === '1'
        ? `${capitalise(field)} is required.`
        : `${capitalise(field)} needs at least ${count} characters.`
    if (kind === 'array')
      return count === '1' ? `Choose at least one ${singular(field)}.` : `Choose at least ${count} ${field}.`
  }
  const smallNumber = /^Too small: expected number to be (>=?)(-?[\d.]+)/.exec(message)
  if (smallNumber)
    return `${capitalise(field)} must be ${smallNumber[1] === '>' ? 'more than' : 'at least'} ${smallNumber[2]}.`
  const big = /^Too big: expected (\w+) to have <=?(\d+) (\w+)/.exec(message)
  if (big) {
    const [, kind, count] = big
    return kind === 'array'
      ? `Choose at most ${count} ${field}.`
      : `${capitalise(field)} is too long (at most ${count} characters).`
  }
  const bigNumber = /^Too big: expected number to be (<=?)(-?[\d.]+)/.exec(message)
  if (bigNumber)
    return `${capitalise(field)} must be ${bigNumber[1] === '<' ? 'less than' : 'at most'} ${bigNumber[2]}.`
  if (/received undefined|Required/.test(message)) return `${capitalise(field)} is required.`
  if (/^Unrecognized key/.test(message)) return `The form sent a field the app does not know (${field}).`
  return `${capitalise(field)} is not valid: check its format.`
}

/** The API's BAD_INPUT details (`{ issues: [{ path, message }] }`) as sentences, or null when there are none. */
export function humanIssues(details: unknown): string | null {
  const issues = (details as { issues?: unknown } | undefined)?.issues
  if (!Array.isArray(issues) || issues.length === 0) return null
  const sentences = issues
    .filter(
      (i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string',
    )
    .slice(0, 3)
    .map((i) => humanIssue(i.path, i.message))
  if (sentences.length === 0) return null
  const more = issues.length - sentences.length
  return sentences.join(' ') + (more > 0 ? ` (and ${more} more to correct)` : '')
}
