import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { Dispatcher } from '../api'
import { isTrustedUrl } from './trusted-url'

export const CHANNEL_PREFIX = 'treasury:'

/**
 * One ipcMain handler per API call (never a generic channel). Each checks that the message comes from the main
 * frame of one of our windows showing our own page, so an injected frame cannot reach the API.
 */
export function registerIpc(
  api: Dispatcher,
  isOwnWindow: (event: IpcMainInvokeEvent) => boolean,
  devServerUrl?: string,
): void {
  for (const name of api.names) {
    ipcMain.handle(CHANNEL_PREFIX + name, async (event, input: unknown) => {
      const frame = event.senderFrame
      const trusted =
        isOwnWindow(event) &&
        frame !== null &&
        frame === event.sender.mainFrame &&
        isTrustedUrl(frame.url, devServerUrl)
      if (!trusted)
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This frame may not call the treasury API.' } }
      return api.dispatch(name, input)
    })
  }
}
