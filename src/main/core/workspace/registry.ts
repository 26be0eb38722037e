import { existsSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { ensurePrivateDir } from '../private-files'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { sandboxWorkspaceFile, workspaceFile } from './paths'
import { wipeFile } from '../keys/files'

/**
 * The workspaces in one data folder. Each named workspace is a folder `<dataDir>/workspaces/<id>/` holding its
 * database, its keystores and a small `workspace.json` (its name): the list is read from the folders, so there is no
 * central index to lose or corrupt. The single workspace of earlier versions (`<dataDir>/workspace.sqlite`) is the
 * default one, "Main"; the sandbox is its own (recreated at each start). The renderer only ever sees ids and names.
 */
export type WorkspaceKind = 'main' | 'named' | 'sandbox'

export interface WorkspaceEntry {
  id: string
  name: string
  kind: WorkspaceKind
  createdAt: string | null
}

export const MAIN_ID = 'main'
export const SANDBOX_ID = 'sandbox'
export const MAIN_NAME = 'Main'
export const SANDBOX_NAME = 'Sandbox'
/** Named workspace ids: `w-` and 12 hex digits, never derived from the name (no path ever comes from input). */
export const NAMED_ID = /^w-[0-9a-f]{12}$/
export const WORKSPACE_ID = /^(main|sandbox|w-[0-9a-f]{12})$/
const CHOICE_FILE = 'workspace-choice.json'
const META_FILE = 'workspace.json'

export class WorkspaceRegistryError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_INPUT',
    message: string,
  ) {
    super(message)
    this.name = 'WorkspaceRegistryError'
  }
}

/** Where a workspace's files live: its database, its keystores, its exports. */
export interface WorkspaceFiles {
  database: string
  keysDir: string
  exportsDir: string
}

export function workspaceFiles(dataDir: string, id: string): WorkspaceFiles {
  if (id === MAIN_ID)
    return { database: workspaceFile(dataDir), keysDir: join(dataDir, 'keys'), exportsDir: join(dataDir, 'exports') }
  if (id === SANDBOX_ID) {
    const database = sandboxWorkspaceFile(dataDir)
    // Sandbox exports stay outside the sandbox folder that is wiped at each start, apart from Main's own.
    return { database, keysDir: join(dataDir, 'sandbox', 'keys'), exportsDir: join(dataDir, 'sandbox-exports') }
  }
  if (!NAMED_ID.test(id)) throw new WorkspaceRegistryError('BAD_INPUT', `"${id.slice(0, 40)}" is not a workspace id.`)
  const dir = join(dataDir, 'workspaces', id)
  return { database: join(dir, 'workspace.sqlite'), keysDir: join(dir, 'keys'), exportsDir: join(dir, 'exports') }
}

/** A display name: trimmed, 1–60 characters, no control characters. */
export function normaliseName(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ')
  if (!name) throw new WorkspaceRegistryError('BAD_INPUT', 'A workspace needs a name.')
  if (name.length > 60) throw new WorkspaceRegistryError('BAD_INPUT', 'A workspace name has at most 60 characters.')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name))
    throw new WorkspaceRegistryError('BAD_INPUT', 'A workspace name cannot hold control characters.')
  return name
}

export function createWorkspaceRegistry(dataDir: string) {
  const namedRoot = join(dataDir, 'workspaces')

  function readNamed(): WorkspaceEntry[] {
    if (!existsSync(namedRoot)) return []
    const entries: WorkspaceEntry[] = []
    for (const id of readdirSync(namedRoot)) {
      if (!NAMED_ID.test(id)) continue
      const meta = readJson(join(namedRoot, id, META_FILE)) as { name?: unknown; createdAt?: unknown } | null
      if (!meta || typeof meta.name !== 'string') continue
      entries.push({
        id,
        name: meta.name,
        kind: 'named',
        createdAt: typeof meta.createdAt === 'string' ? meta.createdAt : null,
      })
    }
    return entries.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id.localeCompare(b.id))
  }

  function namedOnly(id: string, what: string): WorkspaceEntry {
    if (id === MAIN_ID || id === SANDBOX_ID)
      throw new WorkspaceRegistryError(
        'BAD_INPUT',
        `The ${id === MAIN_ID ? 'Main' : 'sandbox'} workspace cannot be ${what}: only named workspaces can.`,
      )
    const found = NAMED_ID.test(id) ? readNamed().find((w) => w.id === id) : undefined
    if (!found) throw new WorkspaceRegistryError('NOT_FOUND', 'There is no workspace with that id in this data folder.')
    return found
  }

  const registry = {
    dataDir,
    /** Main (when its database exists), the named workspaces oldest first, then the sandbox. */
    list(): WorkspaceEntry[] {
      const main: WorkspaceEntry[] = existsSync(workspaceFile(dataDir))
        ? [{ id: MAIN_ID, name: MAIN_NAME, kind: 'main', createdAt: null }]
        : []
      return [...main, ...readNamed(), { id: SANDBOX_ID, name: SANDBOX_NAME, kind: 'sandbox', createdAt: null }]
    },

    get(id: string): WorkspaceEntry {
      if (id === MAIN_ID) return { id, name: MAIN_NAME, kind: 'main', createdAt: null }
      if (id === SANDBOX_ID) return { id, name: SANDBOX_NAME, kind: 'sandbox', createdAt: null }
      const found = NAMED_ID.test(id) ? readNamed().find((w) => w.id === id) : undefined
      if (!found)
        throw new WorkspaceRegistryError('NOT_FOUND', 'There is no workspace with that id in this data folder.')
      return found
    },

    /** Records a new named workspace (its folder and name); its database is created when it is first opened. */
    create(rawName: string, now = new Date()): WorkspaceEntry {
      const name = normaliseName(rawName)
      const taken = [MAIN_NAME, SANDBOX_NAME, ...readNamed().map((w) => w.name)]
      if (taken.some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase()))
        throw new WorkspaceRegistryError('CONFLICT', `A workspace named "${name}" already exists: choose another name.`)
      const id = `w-${randomBytes(6).toString('hex')}`
      const dir = join(namedRoot, id)
      ensurePrivateDir(dir)
      const entry: WorkspaceEntry = { id, name, kind: 'named', createdAt: now.toISOString() }
      writeJsonAtomic(join(dir, META_FILE), { name, createdAt: entry.createdAt })
      return entry
    },

    /** Renames a named workspace (Main and the sandbox keep their names); its id and files stay. */
    rename(id: string, rawName: string): WorkspaceEntry {
      const entry = namedOnly(id, 'renamed')
      const name = normaliseName(rawName)
      const taken = [
        MAIN_NAME,
        SANDBOX_NAME,
        ...readNamed()
          .filter((w) => w.id !== id)
          .map((w) => w.name),
      ]
      if (taken.some((n) => n.toLocaleLowerCase() === name.toLocaleLowerCase()))
        throw new WorkspaceRegistryError('CONFLICT', `A workspace named "${name}" already exists: choose another name.`)
      writeJsonAtomic(join(namedRoot, id, META_FILE), { name, createdAt: entry.createdAt })
      return { ...entry, name }
    },

    /**
     * Deletes a named workspace's folder: every keystore file is first overwritten with random bytes and unlinked
     * (as deleting one signer does), then the database, its exports and the rest go. The caller makes sure the
     * workspace is not open. Answers how many keystore files were wiped.
     */
    remove(id: string): { wipedKeystores: number } {
      namedOnly(id, 'deleted')
      const dir = join(namedRoot, id)
      const keysDir = workspaceFiles(dataDir, id).keysDir
      let wipedKeystores = 0
      if (existsSync(keysDir))
        for (const name of readdirSync(keysDir)) {
          const file = join(keysDir, name)
          if (!lstatSync(file).isFile()) continue
          wipeFile(file)
          wipedKeystores++
        }
      // The name goes first: a crash halfway leaves a folder the list no longer shows, never a half workspace in it.
      rmSync(join(dir, META_FILE), { force: true })
      rmSync(dir, { recursive: true, force: true })
      return { wipedKeystores }
    },

    /** A workspace by id or by name (case-insensitive), for the command line's `--workspace`. */
    find(idOrName: string): WorkspaceEntry {
      const wanted = idOrName.normalize('NFC').trim().toLocaleLowerCase()
      const found = registry.list().find((w) => w.id === idOrName.trim() || w.name.toLocaleLowerCase() === wanted)
      if (!found)
        throw new WorkspaceRegistryError(
          'NOT_FOUND',
          `There is no workspace "${idOrName.slice(0, 60)}" in this data folder (${registry
            .list()
            .map((w) => w.name)
            .join(', ')}).`,
        )
      return found
    },

    /** The workspace chosen last (explicitly, in the app), or null on a first run. */
    lastChoice(): string | null {
      const choice = readJson(join(dataDir, CHOICE_FILE)) as { last?: unknown } | null
      const last = choice && typeof choice.last === 'string' && WORKSPACE_ID.test(choice.last) ? choice.last : null
      if (last && NAMED_ID.test(last) && !existsSync(join(namedRoot, last, META_FILE))) return null
      return last
    },

    recordChoice(id: string): void {
      if (!WORKSPACE_ID.test(id)) throw new WorkspaceRegistryError('BAD_INPUT', 'Not a workspace id.')
      ensurePrivateDir(dataDir)
      writeJsonAtomic(join(dataDir, CHOICE_FILE), { version: 1, last: id })
    },
  }
  return registry
}

export type WorkspaceRegistry = ReturnType<typeof createWorkspaceRegistry>

/**
 * The running host's workspaces: the one open now and the way to switch (made by boot; handlers reach it through
 * their services). Adapters keep one dispatcher; its calls go to the workspace open when they arrive.
 */
export interface WorkspaceSession {
  readonly registry: WorkspaceRegistry
  current(): WorkspaceEntry
  /** No workspace was ever chosen in this data folder (and none was forced on the command line). */
  firstRun(): boolean
  list(): WorkspaceEntry[]
  /** Creates a named workspace and opens it. */
  create(name: string): Promise<WorkspaceEntry>
  /** Opens a workspace (main, a named one or the sandbox) and remembers it for the next start. */
  open(id: string): Promise<WorkspaceEntry>
  /** Renames a named workspace (audited in the workspace open now). */
  rename(id: string, name: string): WorkspaceEntry
  /** Deletes a named workspace that is not open, its keystores wiped (audited in the workspace open now). */
  remove(id: string): { wipedKeystores: number }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch {
    return null
  }
}

/** Write beside, then rename: a crash leaves the old file or the new one, never half of one. */
function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 })
  renameSync(tmp, file)
}
