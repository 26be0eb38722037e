import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Dispatcher } from '../api'
import { isTrustedUrl } from './trusted-url'
import type { CameraGate } from './camera-gate'

export const CHANNEL_PREFIX = 'treasury:'

/**
 * One ipcMain handler per API call (never a generic channel). Each checks that the message comes from the main
 * frame of our window showing app://treasury (or the dev server in development), so neither an injected frame nor
 * a local file loaded into the window can reach the API.
 */
export function registerIpc(
  api: Dispatcher,
  isOwnWindow: (event: IpcMainInvokeEvent) => boolean,
  devServerUrl?: string,
): void {
  for (const name of api.names) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, input: unknown) => {
      if (!isTrustedSender(event, isOwnWindow, devServerUrl))
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This frame may not call the treasury API.' } }
      return api.dispatch(name, input)
    })
  }
}

export function isTrustedSender(
  event: IpcMainInvokeEvent,
  isOwnWindow: (event: IpcMainInvokeEvent) => boolean,
  devServerUrl?: string,
): boolean {
  const frame = event.senderFrame
  return (
    isOwnWindow(event) &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    frame.parent === null &&
    isTrustedUrl(frame.url, devServerUrl)
  )
}

export const CAMERA_SCAN_CHANNEL = 'treasury-camera:scan'

/** Opens or closes a camera scan for the window that asks (the API's own sender checks apply). */
export function registerCameraScan(
  gate: CameraGate,
  isOwnWindow: (event: IpcMainInvokeEvent) => boolean,
  devServerUrl?: string,
): void {
  ipcMain.handle(CAMERA_SCAN_CHANNEL, (event, open: unknown) => {
    if (!isTrustedSender(event, isOwnWindow, devServerUrl)) return false
    if (open === true) return gate.open(event.sender.id)
    gate.close(event.sender.id)
    return false
  })
}
