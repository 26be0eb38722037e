import type { Db } from '../db/open'
import { WORKSPACE_USER, type CoreContext } from './context'
import { getActiveChain } from '../chain'
import { sandboxAccounts } from '../sandbox/accounts'
import { TUTORIAL_STEP_IDS, type TutorialState, type TutorialStepId } from '../../../shared/contract/workspace'

/**
 * The sandbox tutorial: one proposal from creation to execution with the demo signers. Its progress is never
 * stored as "step N done": each step is read from the workspace itself (keys, the proposal's signatures and status,
 * the audit trail). Only what the database cannot know is kept (in `settings`): whether the tutorial runs or was
 * dismissed, which proposal ids existed before it started, and whether History and the Audit trail were opened.
 */
export const TUTORIAL_STEPS = TUTORIAL_STEP_IDS
export type TutorialStatus = TutorialState['status']
export type TutorialSnapshot = Omit<TutorialState, 'demoPassphrase'>

interface Stored {
  status: TutorialStatus
  /** Proposals with an id up to this one existed before the tutorial began: the tutorial's is the first after it. */
  baseline: number
  seen: { history: boolean; audit: boolean }
}

const KEY = 'tutorial'
/** The passphrase the tutorial's one-click setup encrypts the demo keystores with: demo keys only, public anyway. */
export const DEMO_PASSPHRASE = 'sandbox-demo-only'

function read(db: Db): Stored {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined
  if (!row) return { status: 'off', baseline: 0, seen: { history: false, audit: false } }
  try {
    const v = JSON.parse(row.value) as Partial<Stored>
    return {
      status: ['off', 'active', 'dismissed', 'done'].includes(v.status as string)
        ? (v.status as TutorialStatus)
        : 'off',
      baseline: Number.isSafeInteger(v.baseline) ? (v.baseline as number) : 0,
      seen: { history: v.seen?.history === true, audit: v.seen?.audit === true },
    }
  } catch {
    return { status: 'off', baseline: 0, seen: { history: false, audit: false } }
  }
}

function write(db: Db, value: Stored): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(value))
}

function maxProposalId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM proposals').get() as { id: number }).id
}

/** Starts (or restarts) the tutorial: the next proposal on the demo Safe is the one it follows. */
export function startTutorial(ctx: CoreContext): void {
  const current = read(ctx.db)
  // Resuming keeps the proposal already followed; a finished or never-run tutorial starts afresh.
  const fresh = current.status === 'off' || current.status === 'done'
  const next: Stored = fresh
    ? { status: 'active', baseline: maxProposalId(ctx.db), seen: { history: false, audit: false } }
    : { ...current, status: 'active' }
  ctx.mutate(
    { actor: WORKSPACE_USER, action: fresh ? 'tutorial.started' : 'tutorial.resumed', subject: 'tutorial:sandbox' },
    () => write(ctx.db, next),
  )
}

export function dismissTutorial(ctx: CoreContext): void {
  const current = read(ctx.db)
  if (current.status !== 'active') return
  ctx.mutate({ actor: WORKSPACE_USER, action: 'tutorial.dismissed', subject: 'tutorial:sandbox' }, () =>
    write(ctx.db, { ...current, status: 'dismissed' }),
  )
}

/** Records that a page was opened after the proposal executed (steps 6 and 7 are about seeing it there). */
export function markTutorialSeen(ctx: CoreContext, page: 'history' | 'audit', unlocked: readonly string[]): void {
  const current = read(ctx.db)
  if (current.status !== 'active' || current.seen[page]) return
  const snap = tutorialSnapshot(ctx.db, unlocked)
  if (snap.proposalStatus !== 'executed') return
  const seen = { ...current.seen, [page]: true }
  const finished = seen.history && seen.audit
  ctx.mutate(
    {
      actor: WORKSPACE_USER,
      action: finished ? 'tutorial.completed' : 'tutorial.progressed',
      subject: 'tutorial:sandbox',
      payload: { seen: page },
    },
    () => write(ctx.db, { ...current, seen, status: finished ? 'done' : 'active' }),
  )
}

export function tutorialSnapshot(db: Db, unlocked: readonly string[]): TutorialSnapshot {
  const stored = read(db)
  const chain = getActiveChain(db)
  const available = chain?.isSandbox === true
  const { signers } = sandboxAccounts()
  const safeRow = available
    ? (db
        .prepare('SELECT address FROM safes WHERE chain_id = ? ORDER BY added_at, rowid LIMIT 1')
        .get(chain!.chainId) as { address: string } | undefined)
    : undefined
  const imported = new Set(
    (db.prepare('SELECT address FROM signers').all() as Array<{ address: string }>).map((r) => r.address),
  )
  const open = new Set(unlocked)
  const demoSigners = signers.map((s) => ({
    label: s.label,
    address: s.address,
    imported: imported.has(s.address),
    unlocked: open.has(s.address),
  }))

  const proposal =
    available && safeRow
      ? (db
          .prepare(
            "SELECT id, status FROM proposals WHERE id > ? AND chain_id = ? AND safe_address = ? AND kind != 'rejection' ORDER BY id LIMIT 1",
          )
          .get(stored.baseline, chain!.chainId, safeRow.address) as { id: number; status: string } | undefined)
      : undefined
  const signed = new Set(
    proposal
      ? (
          db.prepare('SELECT signer FROM proposal_signatures WHERE proposal_id = ?').all(proposal.id) as Array<{
            signer: string
          }>
        ).map((r) => r.signer)
      : [],
  )
  const executed = proposal?.status === 'executed'
  const done: Record<TutorialStepId, boolean> = {
    signers: demoSigners.slice(0, 2).every((s) => s.unlocked) || signed.size >= 2 || executed,
    create: proposal !== undefined && proposal.status !== 'draft',
    sign1: signed.has(signers[0].address) || executed,
    sign2: signed.has(signers[1].address) || executed,
    execute: executed,
    history: executed && stored.seen.history,
    audit: executed && stored.seen.audit,
  }
  const steps = TUTORIAL_STEPS.map((id) => ({ id, done: done[id] }))
  return {
    status: stored.status,
    available,
    steps,
    current: steps.find((s) => !s.done)?.id ?? null,
    proposalId: proposal?.id ?? null,
    proposalStatus: proposal?.status ?? null,
    demo: available
      ? {
          safe: safeRow?.address ?? null,
          signers: demoSigners,
          recipient: { label: signers[2].label, address: signers[2].address },
        }
      : null,
  }
}
