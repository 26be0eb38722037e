// The decision impact capability's public face.
export { ImpactPage } from './ImpactPage'
