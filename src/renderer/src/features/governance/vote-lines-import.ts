import { create } from 'zustand'
import type { VoteImportSessionStatus } from '../../../../shared/contract'
import { call, errorMessage, send } from '../../data'

/**
 * A vote-lines file of any size sent to the main process through an import session: read with File.stream() and
 * sent in chunks (never held whole, no path crosses), then checked and stored there while this polls its progress.
 */
interface VoteLinesImportUi {
  status: VoteImportSessionStatus | null
  error: string | null
  running: boolean
  cancelling: boolean
}

export const useVoteLinesImport = create<VoteLinesImportUi>()(() => ({
  status: null,
  error: null,
  running: false,
  cancelling: false,
}))

const POLL_MS = 300
const ENDED: Array<VoteImportSessionStatus['phase']> = ['done', 'failed', 'cancelled']
let cancelRequested = false

function base64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

const show = (status: VoteImportSessionStatus) => useVoteLinesImport.setState({ status })

export async function importVoteLinesFile(file: File, skipRefused: boolean) {
  cancelRequested = false
  useVoteLinesImport.setState({ status: null, error: null, running: true, cancelling: false })
  let status: VoteImportSessionStatus | null = null
  try {
    status = await send('governance.voteImportBegin', {
      fileName: file.name || 'votes.jsonl',
      size: file.size,
      skipRefused,
    })
    show(status)
    const session = status.session
    const size = status.chunkBytes
    const pending = new Uint8Array(size)
    let filled = 0
    let seq = 0
    const flush = async () => {
      status = await call('governance.voteImportChunk', {
        session,
        seq: seq++,
        data: base64(pending.subarray(0, filled)),
      })
      filled = 0
      show(status)
    }
    const reader = file.stream().getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done || cancelRequested) break
        for (let at = 0; at < value.length && !cancelRequested;) {
          const n = Math.min(value.length - at, size - filled)
          pending.set(value.subarray(at, at + n), filled)
          filled += n
          at += n
          if (filled === size) await flush()
        }
      }
      if (filled && !cancelRequested) await flush()
    } finally {
      void reader.cancel().catch(() => undefined)
    }
    if (cancelRequested) return
    status = await call('governance.voteImportFinish', { session })
    show(status)
    while (!ENDED.includes(status.phase)) {
      await new Promise((r) => setTimeout(r, POLL_MS))
      status = await call('governance.voteImportStatus', { session })
      show(status)
    }
  } catch (error) {
    // A chunk refused because the import was cancelled meanwhile is the cancel, not an error.
    if (!cancelRequested) useVoteLinesImport.setState({ error: errorMessage(error) })
    // A session left half-sent (the file could not be read, a call failed) is ended, so it holds nothing open.
    if (status && status.phase === 'receiving')
      await call('governance.voteImportCancel', { session: status.session }).catch(() => undefined)
  } finally {
    useVoteLinesImport.setState({ running: false })
    // Stored votes change the tally: the governance answers refetch (a governance write).
    if (status) await send('governance.voteImportStatus', { session: status.session }).then(show, () => undefined)
  }
}

/** Stops the import at whatever step it is; nothing is stored once the session answers "cancelled". */
export async function cancelVoteLinesImport() {
  cancelRequested = true
  const session = useVoteLinesImport.getState().status?.session
  if (!session) return
  useVoteLinesImport.setState({ cancelling: true })
  try {
    show(await send('governance.voteImportCancel', { session }))
  } catch (error) {
    useVoteLinesImport.setState({ error: errorMessage(error) })
  } finally {
    useVoteLinesImport.setState({ cancelling: false })
  }
}
