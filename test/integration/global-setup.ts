import type { TestProject } from 'vitest/node'
import { startSandbox, type SandboxInfo } from '../../src/main/core/sandbox'

export type SharedSandbox = Omit<SandboxInfo, 'stop'>

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: SharedSandbox
  }
}

/** One real chain for the whole integration run (Hardhat + Safe v1.4.1 + demo Safe), stopped at the end. */
export default async function setup(project: TestProject) {
  const sandbox = await startSandbox()
  const { stop, ...shared } = sandbox
  project.provide('sandbox', shared)
  return async () => {
    await stop()
  }
}
