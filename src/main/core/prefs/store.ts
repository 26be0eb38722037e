import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { ensurePrivateDir } from '../private-files'
import { join } from 'node:path'
import { z } from 'zod'
import { ROLES, THEMES, type Prefs, type PrefsState } from '../../../shared/contract/prefs'

export const PREFS_FILE = 'prefs.json'
/** A preferences file is a few dozen bytes; anything much larger is not ours. */
const MAX_BYTES = 64 * 1024

export const DEFAULT_PREFS: Prefs = { role: null, theme: 'system' }

/** The file on disk: versioned, strict, so a hand edit that adds nonsense is noticed instead of carried along. */
const fileSchema = z
  .object({
    version: z.literal(1),
    role: z.enum(ROLES).nullable(),
    theme: z.enum(THEMES),
  })
  .strict()

export interface PrefsStore {
  read(): PrefsState
  update(patch: Partial<Prefs>): PrefsState
}

/**
 * Display preferences in `<dir>/prefs.json`. A missing file means defaults; an unreadable, oversized or invalid one
 * means defaults plus a warning naming what is wrong (never a crash). Writes go to a temp file renamed into place,
 * and a corrupt file is kept beside as `prefs.json.bad` before it is replaced, so nothing is silently lost.
 */
export function createPrefs(dir: string | null): PrefsStore {
  // Without a folder (an in-memory workspace) preferences live for the session only.
  let memory: Prefs = { ...DEFAULT_PREFS }
  const file = dir === null ? null : join(dir, PREFS_FILE)

  function read(): PrefsState {
    if (file === null) return { prefs: { ...memory }, warning: null }
    if (!existsSync(file)) return { prefs: { ...DEFAULT_PREFS }, warning: null }
    let text: string
    try {
      const raw = readFileSync(file)
      if (raw.length > MAX_BYTES) return corrupt(`it is ${raw.length} bytes, more than a preferences file holds`)
      text = raw.toString('utf8')
    } catch (error) {
      return corrupt(`it could not be read (${error instanceof Error ? error.message.split('\n')[0] : 'unknown'})`)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return corrupt('it is not valid JSON')
    }
    const parsed = fileSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue.path.length ? issue.path.join('.') : 'the file'
      return corrupt(`${where}: ${issue.message}`)
    }
    return { prefs: { role: parsed.data.role, theme: parsed.data.theme }, warning: null }
  }

  function corrupt(what: string): PrefsState {
    return {
      prefs: { ...DEFAULT_PREFS },
      warning: `The preferences file ${file} was not used: ${what}. The defaults are in force; your next change replaces it (the old file is kept as ${PREFS_FILE}.bad).`,
    }
  }

  function update(patch: Partial<Prefs>): PrefsState {
    const current = read()
    const next: Prefs = {
      role: patch.role === undefined ? current.prefs.role : patch.role,
      theme: patch.theme ?? current.prefs.theme,
    }
    if (file === null || dir === null) {
      memory = next
      return { prefs: { ...next }, warning: null }
    }
    ensurePrivateDir(dir)
    if (current.warning && existsSync(file)) renameSync(file, `${file}.bad`)
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify({ version: 1, ...next }, null, 2) + '\n', { mode: 0o600 })
    renameSync(temp, file)
    return { prefs: next, warning: null }
  }

  return { read, update }
}
