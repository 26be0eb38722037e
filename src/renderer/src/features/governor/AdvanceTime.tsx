import { useState } from 'react'
import { ErrorNote, TextInput } from '../../ui'
import { useAdvanceTime } from './mutations'

/** Sandbox only: the chain's clock moves forward (evm_increaseTime) and blocks are mined, to end votes and delays. */
export function AdvanceTime() {
  const advance = useAdvanceTime()
  const [seconds, setSeconds] = useState('3600')
  const [blocks, setBlocks] = useState('60')
  return (
    <fieldset className="inline" data-testid="advance-time">
      <legend>Sandbox clock</legend>
      <TextInput label="Seconds" value={seconds} onText={setSeconds} inputMode="numeric" />
      <TextInput label="Blocks" value={blocks} onText={setBlocks} inputMode="numeric" />
      <button
        onClick={() => void advance.run(() => ({ seconds: Number(seconds), blocks: Number(blocks) }))}
        disabled={advance.busy}
      >
        Advance time
      </button>
      {advance.data && (
        <span className="muted" role="status">
          Now block #{advance.data.blockNumber}, {new Date(advance.data.timestamp * 1000).toISOString()}
        </span>
      )}
      <ErrorNote error={advance.error} />
    </fieldset>
  )
}
