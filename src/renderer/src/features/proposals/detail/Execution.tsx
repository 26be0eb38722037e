import { useState } from 'react'
import { useWorkspaceInfo } from '../../../data'
import { useKeys } from '../../keys'
import { Options, addressOptions } from '../../../ui'
import { proposalsExecute } from '../mutations'
import type { DetailPanelProps } from './context'

type Signer = { address: string; label: string }

/** Who pays the execution's gas: the key chosen, else the first unlocked one; the sandbox node account when none is. */
export function usePayer() {
  const { data: keys } = useKeys()
  const isSandbox = useWorkspaceInfo()?.chain?.isSandbox === true
  const [choice, setChoice] = useState('')
  const unlocked = (keys?.signers ?? []).filter((k) => k.kind === 'local' && k.unlocked)
  const payer = unlocked.find((k) => k.address === choice) ?? unlocked[0] ?? null
  return { unlocked, payer, choose: setChoice, sandboxFallback: isSandbox && unlocked.length === 0 }
}
export type Payer = ReturnType<typeof usePayer>

export function ExecuteButton({ p, busy, act, payer }: DetailPanelProps & { payer: Signer | null }) {
  const sim = p.simulation
  return (
    <button
      className="primary"
      disabled={busy !== null || (sim !== null && !sim.ok)}
      title={sim && !sim.ok ? 'The last simulation fails: fix or reject this proposal' : undefined}
      onClick={() =>
        void act('execute', () => proposalsExecute(payer ? { id: p.id, executor: payer.address } : { id: p.id }))
      }
    >
      {busy === 'execute' ? 'Executing…' : 'Execute'}
    </button>
  )
}

export function PayerChoice({ unlocked, payer, choose, sandboxFallback }: Payer) {
  if (unlocked.length > 0)
    return (
      <label>
        Gas paid by
        <select value={payer?.address ?? ''} onChange={(e) => choose(e.target.value)} data-testid="payer-select">
          <Options options={addressOptions(unlocked, true)} />
        </select>
      </label>
    )
  return sandboxFallback ? (
    <p className="muted small" data-testid="payer-note">
      Gas is paid by the sandbox node account (Hardhat #0, test coins): no key is unlocked.
    </p>
  ) : (
    <p className="muted small" data-testid="payer-note">
      Unlock a key that holds the chain&apos;s native coin on the <a href="#/signers">Signers</a> page to pay for the
      execution.
    </p>
  )
}
