/**
 * The one permission a treasury window may get: the camera, to scan a QR code (issue 20). Everything else stays
 * denied (security.ts). The camera is allowed only while the app's own window has a scan open (the renderer opens
 * one when the user presses "Scan with camera" and closes it when done), only from the app's own page, only video
 * (never the microphone), and a scan left open closes itself after a while. Plain TS: no Electron import, so the
 * decision is unit-tested.
 */
export interface CameraRequest {
  /** webContents id of the requester. */
  contentsId: number
  permission: string
  /** For 'media': the kinds asked for ('video', 'audio'). */
  mediaTypes?: readonly string[]
  /** The requesting frame's URL. */
  url: string
}

export interface CameraGate {
  open(contentsId: number): boolean
  close(contentsId: number): void
  allows(request: CameraRequest): boolean
}

/** How long a scan may stay open without being closed. */
export const SCAN_OPEN_MS = 3 * 60_000

export function createCameraGate(
  isAppWindow: (contentsId: number) => boolean,
  isTrustedUrl: (url: string) => boolean,
  now: () => number = Date.now,
): CameraGate {
  const openUntil = new Map<number, number>()
  return {
    open(contentsId) {
      if (!isAppWindow(contentsId)) return false
      openUntil.set(contentsId, now() + SCAN_OPEN_MS)
      return true
    },
    close(contentsId) {
      openUntil.delete(contentsId)
    },
    allows({ contentsId, permission, mediaTypes, url }) {
      if (permission !== 'media') return false
      // A permission *check* carries no media types; a request must ask for video and nothing else.
      if (mediaTypes && (mediaTypes.length === 0 || mediaTypes.some((t) => t !== 'video'))) return false
      if (!isAppWindow(contentsId) || !isTrustedUrl(url)) return false
      const until = openUntil.get(contentsId)
      return until !== undefined && now() <= until
    },
  }
}
