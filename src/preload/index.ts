import { contextBridge, ipcRenderer } from 'electron'
import { callNames, type CallName, type TreasuryBridge } from '../shared/contract'

// One named method per API call, built from the contract's own list: no generic invoke(channel) is exposed.
const bridge = Object.fromEntries(
  callNames.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(`treasury:${name}`, input ?? {})]),
) as TreasuryBridge satisfies TreasuryBridge

contextBridge.exposeInMainWorld('treasury', bridge)
