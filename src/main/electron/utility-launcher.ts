import { utilityProcess } from 'electron'
import type { NodeLauncher } from '../core/sandbox/node-launcher'

/**
 * Starts the sandbox's Hardhat node as an Electron utility process: a Node environment that needs no RunAsNode
 * fuse (off in the packaged app), ended by Electron together with the app.
 */
export const utilityProcessLauncher: NodeLauncher = (script, args, { cwd, env }) => {
  const child = utilityProcess.fork(script, args, {
    cwd,
    env,
    stdio: 'pipe',
    serviceName: 'AITBC Treasury sandbox chain',
  })
  return {
    stdout: child.stdout,
    stderr: child.stderr,
    stdin: null,
    kill: () => void child.kill(),
    onExit: (listener) => void child.once('exit', (code) => listener(code, null)),
    unref: () => {},
  }
}
