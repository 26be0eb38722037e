import type { customContracts } from '../../../../shared/contract'
import type { z } from 'zod'

export type ContractAddresses = z.input<typeof customContracts>

/** The Safe contracts the app asks for on a chain safe-deployments does not know (protocol-kit's names). */
export const CONTRACT_FIELDS: Array<{ key: keyof ContractAddresses; label: string; hint: string }> = [
  {
    key: 'safeSingletonAddress',
    label: 'Safe singleton',
    hint: 'GnosisSafe / GnosisSafeL2 (1.3.0), Safe / SafeL2 (1.4.1)',
  },
  { key: 'safeProxyFactoryAddress', label: 'Proxy factory', hint: 'GnosisSafeProxyFactory / SafeProxyFactory' },
  { key: 'multiSendAddress', label: 'MultiSend', hint: 'batches (delegatecall)' },
  { key: 'multiSendCallOnlyAddress', label: 'MultiSendCallOnly', hint: 'batches of plain calls' },
  { key: 'fallbackHandlerAddress', label: 'Fallback handler', hint: 'CompatibilityFallbackHandler' },
  { key: 'signMessageLibAddress', label: 'SignMessageLib', hint: 'message signing' },
  { key: 'createCallAddress', label: 'CreateCall', hint: 'contract creation' },
  { key: 'simulateTxAccessorAddress', label: 'SimulateTxAccessor', hint: 'simulation before execution' },
]

export const EMPTY_CONTRACTS: ContractAddresses = Object.fromEntries(
  CONTRACT_FIELDS.map((f) => [f.key, '']),
) as ContractAddresses

/**
 * One labelled field per Safe contract address. Each is checked on the chain when the form is sent (code must be
 * there; the singleton's VERSION() says which Safe version they are).
 */
export function ContractAddressFields({
  idPrefix,
  value,
  onChange,
  disabled,
}: {
  idPrefix: string
  value: ContractAddresses
  onChange(next: ContractAddresses): void
  disabled?: boolean
}) {
  return (
    <fieldset className="stack contract-addresses" disabled={disabled}>
      <legend>Safe contract addresses on this chain</legend>
      {CONTRACT_FIELDS.map((f) => (
        <div key={f.key} className="stack">
          <label htmlFor={`${idPrefix}-${f.key}`}>{f.label}</label>
          <input
            id={`${idPrefix}-${f.key}`}
            className="mono"
            value={value[f.key]}
            onChange={(e) => onChange({ ...value, [f.key]: e.target.value.trim() })}
            placeholder="0x…"
            required
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${idPrefix}-${f.key}-hint`}
          />
          <span id={`${idPrefix}-${f.key}-hint`} className="muted small">
            {f.hint}
          </span>
        </div>
      ))}
    </fieldset>
  )
}

/** The API's "give the contract addresses" answer (chain.connect, BAD_INPUT with needsContracts in its details). */
export function needsContracts(details: unknown): boolean {
  return (
    typeof details === 'object' && details !== null && (details as { needsContracts?: unknown }).needsContracts === true
  )
}
