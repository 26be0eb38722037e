import jsQR from 'jsqr'

/**
 * Scans QR codes from the camera: in the Electron app the main process grants the camera to this window only
 * between scan(true) and scan(false) (every other permission stays denied); in a browser the browser asks.
 * Each distinct code read is handed to `onCode`; `stop()` releases the camera.
 */
export async function startCameraScan(
  video: HTMLVideoElement,
  onCode: (text: string) => void,
): Promise<{ stop(): void }> {
  const electron = window.treasuryCamera
  if (electron && !(await electron.scan(true))) throw new Error('The camera could not be opened for this window.')
  let stream: MediaStream
  try {
    if (!navigator.mediaDevices?.getUserMedia)
      throw new Error('This browser offers no camera here (it needs https or localhost).')
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  } catch (error) {
    void electron?.scan(false)
    throw new Error(`The camera could not be started: ${(error as Error).message}`)
  }
  video.srcObject = stream
  await video.play()
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!
  const seen = new Set<string>()
  let stopped = false
  const tick = () => {
    if (stopped) return
    if (video.videoWidth > 0) {
      canvas.width = video.videoWidth
      canvas.height = video.videoHeight
      ctx.drawImage(video, 0, 0)
      const code = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)
      if (code && code.data && !seen.has(code.data)) {
        seen.add(code.data)
        onCode(code.data)
      }
    }
    setTimeout(tick, 150)
  }
  tick()
  return {
    stop() {
      if (stopped) return
      stopped = true
      for (const track of stream.getTracks()) track.stop()
      video.srcObject = null
      void electron?.scan(false)
    },
  }
}

/**
 * Whether the UR parts read so far are enough to try decoding: a single-part UR, or every pure fragment 1..n of a
 * multi-part one (or twice n parts of any kind, which the fountain decoder almost always solves).
 */
export function urPartsEnough(parts: string[]): boolean {
  const pure = new Set<number>()
  let total = 0
  for (const part of parts) {
    const m = /^ur:[a-z0-9-]+\/(\d+)-(\d+)\//i.exec(part)
    if (!m) return /^ur:[a-z0-9-]+\/[a-z]+$/i.test(part)
    total = Number(m[2])
    if (Number(m[1]) <= total) pure.add(Number(m[1]))
  }
  return total > 0 && (pure.size >= total || parts.length >= 2 * total)
}
