// The safes capability's public face: the Dashboard (the Safe's overview), the Safes page, the council picker.
export { Dashboard } from './Dashboard'
export { SafesPage } from './SafesPage'
export { CouncilSelect } from './CouncilSelect'
export { SafeSwitcher } from './SafeSwitcher'
