interface DeviceAccount {
  address: string
  path: string
  known: boolean
}

/**
 * A device's accounts, each with the label it will be added under and its Add button (or what it already is). A
 * label is only editable until its account is added.
 */
export function DeviceAccountTable<A extends DeviceAccount>(props: {
  accounts: A[]
  testId?: string
  knownText: string
  labels: Record<string, string>
  onLabels(labels: Record<string, string>): void
  placeholder?(index: number): string
  disabled: boolean
  addText(account: A): string
  onAdd(account: A, index: number): void
}) {
  const { labels } = props
  return (
    <table data-testid={props.testId}>
      <thead>
        <tr>
          {['Address', 'Path', 'Label'].map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.accounts.map((a, i) => (
          <tr key={a.path}>
            <td className="mono small">{a.address}</td>
            <td className="mono small">{a.path}</td>
            <td>
              <input
                aria-label={`Label for ${a.address}`}
                placeholder={props.placeholder?.(i)}
                value={labels[a.address] ?? ''}
                disabled={a.known}
                onChange={(e) => props.onLabels({ ...labels, [a.address]: e.target.value })}
              />
            </td>
            <td>
              {a.known ? (
                <span className="chip ok">{props.knownText}</span>
              ) : (
                <button type="button" disabled={props.disabled} onClick={() => props.onAdd(a, i)}>
                  {props.addText(a)}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
