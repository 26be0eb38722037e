// The signing capability's public face.
export { SignPage } from './SignPage'
