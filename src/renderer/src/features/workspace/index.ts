// The workspace capability's public face: first run (create or open a workspace) and the workspace switch.
export { FirstRun, SwitchWorkspaceButton } from './FirstRun'
export { openSwitcher, useSwitcher } from './state'
export { startSandbox, tutorialDismiss, tutorialSeen, tutorialStart, tutorialUseDemoSigners } from './mutations'
export { useTutorialState } from './queries'
