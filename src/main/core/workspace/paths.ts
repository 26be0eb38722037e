import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'AITBC Treasury'

/**
 * The same folder Electron's app.getPath('userData') gives, so the desktop app and the browser host open the
 * same workspace on one machine.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}

/** The long-lived workspace, and the sandbox's own one: the sandbox chain is new at each start, so is its state. */
export function workspaceFile(dataDir: string): string {
  return join(dataDir, 'workspace.sqlite')
}

export function sandboxWorkspaceFile(dataDir: string): string {
  return join(dataDir, 'sandbox', 'sandbox.sqlite')
}
