import { inject } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/core/db/open'
import { createContext } from '../../src/main/core/workspace/context'
import { adoptSandbox, createSandboxController } from '../../src/main/core/workflows/sandbox-workspace'
import { createApi, type Services } from '../../src/main/api'
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract'
import type { SandboxInfo } from '../../src/main/core/sandbox'
import { KeyStore } from '../../src/main/core/keys'
import { submitCouncilAct } from './council-acts'
import type { CouncilActKind, CouncilActView } from '../../src/shared/contract/council'

/** A fresh workspace on disk wired to the run's shared sandbox chain, driven through the real API dispatcher. */
export function sandboxWorkspace() {
  const shared = inject('sandbox')
  const info: SandboxInfo = { ...shared, stop: async () => {} }
  const dir = mkdtempSync(join(tmpdir(), 'treasury-it-'))
  const db = openDatabase(join(dir, 'workspace.sqlite'))
  const ctx = createContext(db, 'cli', 'test')
  const sandbox = createSandboxController(
    ctx,
    () => {},
    async () => info,
  )
  adoptSandbox(ctx, info)
  // Tests only: a cheap scrypt N for the keystores they write (the product always uses KEYSTORE_SCRYPT).
  const keys = new KeyStore(ctx, { dir: join(dir, 'keys'), scryptN: 1024 })
  const services: Services = { ctx, sandbox, keys }
  const api = createApi(services)
  async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
    const envelope = await api.dispatch(name, input)
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
    return envelope.value as CallOutput<N>
  }
  return { dir, db, ctx, services, keys, api, call, sandbox: info }
}

/** A council act signed by `keys` and submitted through the workspace (see council-acts.ts). */
export function councilAct(
  ws: Pick<ReturnType<typeof sandboxWorkspace>, 'call'>,
  kind: CouncilActKind,
  content: unknown,
  keys: Array<{ privateKey: string }>,
): Promise<CouncilActView> {
  return submitCouncilAct(ws.call, kind, content, keys)
}
