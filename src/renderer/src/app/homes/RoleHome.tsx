import { ROLES, type Role } from '../../../../shared/prefs'
import { useRouteParts } from '../../lib/route'
import { useWorkspaceInfo } from '../../data'
import { ROLE_LABELS, useShell } from '../shell/store'
import { Loading } from './common'
import { SignerHome } from './SignerHome'
import { StewardHome } from './StewardHome'
import { CouncilHome } from './CouncilHome'
import { Dashboard } from '../../features/safes'

const PURPOSE: Record<Role, string> = {
  signer: 'What waits for your signature, and the keys you sign with.',
  steward: 'What is ready to execute, the nonce queue, the chain, and the exports for the auditors.',
  council: 'Open votes, grant applications to evaluate, the budget in force, and disputes.',
}

/** `#/home` shows the chosen role's home; `#/home/<role>` a given one. With no role chosen yet: the picker. */
export function RoleHome() {
  const parts = useRouteParts()
  const prefs = useShell((s) => s.prefs)
  const prefsError = useShell((s) => s.prefsError)
  const prefsWarning = useShell((s) => s.prefsWarning)
  const workspace = useWorkspaceInfo()
  const routed = ROLES.find((r) => r === parts[0]) ?? null
  const role = routed ?? prefs?.role ?? null

  if (!prefs && !prefsError) return <Loading what="your preferences" />
  return (
    <section>
      {prefsWarning && <p className="banner warn">{prefsWarning}</p>}
      {prefsError && <p className="error">{prefsError}</p>}
      {role === null ? (
        // First visit: the treasury's overview, with the one question that picks the home from now on.
        <>
          <RolePicker />
          <Dashboard />
        </>
      ) : (
        <>
          <header className="page-head">
            <div>
              <h1>{ROLE_LABELS[role]} home</h1>
              <p className="muted">{PURPOSE[role]}</p>
            </div>
            {workspace?.chain?.isSandbox && <span className="chip">Sandbox: nothing here is real money</span>}
          </header>
          {role === 'signer' && <SignerHome />}
          {role === 'steward' && <StewardHome />}
          {role === 'council' && <CouncilHome />}
        </>
      )}
    </section>
  )
}

const CHOICES: Record<Role, string> = {
  signer: 'I approve transactions: show me what waits for my signature.',
  steward: 'I run the treasury: execute what is signed, keep the queue clean, export for the auditors.',
  council: 'I decide: budgets, grant applications, votes and disputes.',
}

/** First visit: one question, three answers; the choice is kept in the data folder and can change any time. */
export function RolePicker() {
  const setRole = useShell((s) => s.setRole)
  return (
    <div className="role-picker card" role="region" aria-labelledby="role-picker-h">
      <h2 id="role-picker-h">What brings you here?</h2>
      <p className="muted">
        Pick your role to get a home with what you came for. You can switch at any time (the Role menu at the top, or
        Ctrl+K).
      </p>
      <ul className="role-choices">
        {ROLES.map((r) => (
          <li key={r}>
            <button
              type="button"
              className="role-choice"
              aria-labelledby={`role-${r}-l`}
              aria-describedby={`role-${r}-d`}
              onClick={() => void setRole(r)}
            >
              <strong id={`role-${r}-l`}>{ROLE_LABELS[r]}</strong>
              <span id={`role-${r}-d`} className="muted small">
                {CHOICES[r]}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}
