import type { DecodedCall } from '../../../../shared/contract'

export function Calls({ calls }: { calls: DecodedCall[] }) {
  return (
    <ol className="calls">
      {calls.map((c, i) => (
        <li key={i}>
          <span>{c.text}</span>
          {c.operation === 1 && <span className="chip danger"> delegatecall</span>}
          {c.args && c.args.length > 0 && (
            <dl className="args small">
              {c.args.map((a) => (
                <div key={a.name}>
                  <dt className="muted">{a.name}</dt>
                  <dd className="mono">{a.value}</dd>
                </div>
              ))}
            </dl>
          )}
          {c.parts && <Calls calls={c.parts} />}
        </li>
      ))}
    </ol>
  )
}
