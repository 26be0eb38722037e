import type { TreasuryBridge } from '../shared/contract'

declare global {
  interface Window {
    /** Present in the Electron app only; the browser host is reached over HTTP instead. */
    treasury?: TreasuryBridge
    /** Electron only: opens/closes a camera scan (the camera permission is granted only between the two). */
    treasuryCamera?: { scan(open: boolean): Promise<boolean> }
  }
}
export {}
