// The safes capability's public face: the Dashboard (the Safe's overview), the Safes page.
export { Dashboard } from './Dashboard'
export { SafesPage } from './SafesPage'
export { SafeSwitcher } from './SafeSwitcher'
