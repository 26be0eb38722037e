import { useState } from 'react'
import { errorInfo, type ShownError } from './errors'

/**
 * Runs one async piece of work that is not a single API call (a download, a file read, a flow of several calls a
 * feature's mutations module owns) with its own busy flag and error; the error keeps the API's details.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ShownError | null>(null)
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(errorInfo(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, clear: () => setError(null) }
}

/** `useAction` for a panel with several kinds of work: `busy` names the work under way (its label), or is null. */
export function useNamedAction() {
  const [busy, setBusy] = useState<string | null>(null)
  const action = useAction()
  async function run<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    setBusy(label)
    try {
      return await action.run(work)
    } finally {
      setBusy(null)
    }
  }
  return { busy, error: action.error, run, clear: action.clear }
}
