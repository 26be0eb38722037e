import { contextBridge, ipcRenderer } from 'electron'
import type { CallName, TreasuryBridge } from '../shared/contract'
import { CALL_NAMES } from './call-names'

// One named method per API call, from the generated list of the contract's names (the contract itself, with its
// schemas, stays out of the preload): no generic invoke(channel) is exposed.
const bridge = Object.fromEntries(
  CALL_NAMES.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(`treasury:${name}`, input ?? {})]),
) as TreasuryBridge satisfies TreasuryBridge

contextBridge.exposeInMainWorld('treasury', bridge)

// Camera scans (a QR code from a device): the main process grants the camera to this window only between these.
contextBridge.exposeInMainWorld('treasuryCamera', {
  scan: (open: boolean): Promise<boolean> => ipcRenderer.invoke('treasury-camera:scan', open === true),
})
