import type { TreasuryBridge } from '../shared/contract'

declare global {
  interface Window {
    /** Present in the Electron app only; the browser host is reached over HTTP instead. */
    treasury?: TreasuryBridge
  }
}
export {}
