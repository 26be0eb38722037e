import { spawn } from 'node:child_process'

/** A Node process running one script: what the sandbox needs of a child, whichever way it was started. */
export interface NodeChild {
  stdout: NodeJS.ReadableStream | null
  stderr: NodeJS.ReadableStream | null
  /** A pipe the child watches to exit when we die; null where the platform ends the child itself (Electron). */
  stdin: NodeJS.WritableStream | null
  kill(signal?: NodeJS.Signals): void
  onExit(listener: (code: number | null, signal: string | null) => void): void
  /** Lets the host exit without waiting for the child. */
  unref(): void
}

export type NodeLauncher = (
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
) => NodeChild

/** Plain Node (browser host, CLI, tests): `node script …` with piped stdio. */
export const childProcessLauncher: NodeLauncher = (script, args, { cwd, env }) => {
  const child = spawn(process.execPath, [script, ...args], {
    cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  })
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    stdin: child.stdin,
    kill: (signal) => void child.kill(signal),
    onExit: (listener) => void child.once('exit', listener),
    unref() {
      child.unref()
      for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void })?.unref?.()
    },
  }
}

let launcher: NodeLauncher | null = null

/**
 * The Electron shell sets a launcher built on `utilityProcess.fork`: with the RunAsNode fuse off, Electron's binary
 * no longer turns into Node under ELECTRON_RUN_AS_NODE, and the core cannot import Electron itself.
 */
export function setNodeLauncher(next: NodeLauncher | null): void {
  launcher = next
}

export function nodeLauncher(): NodeLauncher {
  if (launcher) return launcher
  if (process.versions.electron)
    throw new Error('Inside Electron the sandbox node starts through a utility process: call setNodeLauncher first.')
  return childProcessLauncher
}
