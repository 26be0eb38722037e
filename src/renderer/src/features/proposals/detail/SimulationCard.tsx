import type { SimulationResult } from '../../../../../shared/contract'
import { proposalsSimulate } from '../mutations'
import { ExecuteButton, PayerChoice, usePayer } from './Execution'
import type { DetailPanelProps } from './context'

const gas = (amount: string) => Number(amount).toLocaleString()

/** The last simulation's verdict, and the buttons that simulate and execute. */
export function SimulationCard(props: DetailPanelProps) {
  const { p, busy, act } = props
  const sim = p.simulation
  const payer = usePayer()
  return (
    <article className="card" aria-labelledby="sim-h">
      <h2 id="sim-h">Simulation</h2>
      {!sim ? (
        <p className="muted">
          Not simulated yet. Simulation runs the transaction against the chain now, spending nothing.
        </p>
      ) : (
        <SimulationVerdict sim={sim} />
      )}
      <div className="row">
        {p.can.simulate && (
          <button onClick={() => void act('simulate', () => proposalsSimulate({ id: p.id }))} disabled={busy !== null}>
            {busy === 'simulate' ? 'Simulating…' : 'Simulate'}
          </button>
        )}
        {p.can.execute && <ExecuteButton {...props} payer={payer.payer} />}
      </div>
      {p.can.execute && <PayerChoice {...payer} />}
    </article>
  )
}

function SimulationVerdict({ sim }: { sim: SimulationResult }) {
  return (
    <div data-testid="simulation">
      <p className={sim.ok ? 'banner ok' : 'banner danger'} role="status" data-testid="simulation-verdict">
        {sim.ok ? 'Simulation succeeds' : 'Simulation fails'} at block {sim.blockNumber}
      </p>
      <ul className="plain">
        <li>
          Effect: {sim.call.success ? 'succeeds' : 'reverts'}, gas {gas(sim.call.gasUsed)}
          {sim.call.revertReason && (
            <>
              {' '}
              — <strong data-testid="revert-reason">{sim.call.revertReason}</strong>
            </>
          )}
        </li>
        <li>
          Execution with the signatures in hand:{' '}
          {sim.execution.checked
            ? sim.execution.success
              ? 'succeeds'
              : `reverts — ${sim.execution.revertReason}`
            : 'not checked'}
          {sim.execution.gasEstimate && <>, gas estimate {gas(sim.execution.gasEstimate)}</>}
          {sim.execution.note && <span className="muted"> ({sim.execution.note})</span>}
        </li>
      </ul>
    </div>
  )
}
