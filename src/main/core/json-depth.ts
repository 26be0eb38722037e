/**
 * How deeply a JSON text nests, found by one scan that skips strings, so a hostile file is refused before a
 * recursive parser can overflow the stack on it. Stops counting once past `limit`.
 */
export function jsonNestingExceeds(text: string, limit: number): { exceeds: boolean; offset: number } {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return { exceeds: true, offset: i }
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return { exceeds: false, offset: -1 }
}
