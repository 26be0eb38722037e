import { afterAll } from 'vitest'

// The chain-bound projects run their files in one process without isolation (isolate: false, so the SDKs are
// imported once, not once a file): what one file sets in process.env (a shorter RPC timeout, say) must not reach
// the files after it. Vitest runs this before each file; the file's own settings are undone after it.
const before = { ...process.env }

afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key]
  Object.assign(process.env, before)
})
