import jsQR from 'jsqr'
import { QR_IMAGE_LIMITS, pngDimensions, qrImageTooLarge } from '../../../shared/png-limits'

/** Saves a blob as a file through the browser's download (Electron shows its save dialog); no navigation. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  try {
    downloadDataUrl(fileName, url)
  } finally {
    // Long enough for a large file to be handed over before its URL is dropped.
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
}

/** Saves text as a file through the browser's download. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type }))
}

export function downloadDataUrl(fileName: string, dataUrl: string): void {
  const a = document.createElement('a')
  a.href = dataUrl
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

/** Reads the QR code in an image file (PNG, JPEG, a screenshot or a photo) on a canvas, in the renderer. */
export async function readQrImage(file: File): Promise<string> {
  // Sized before decoding (issue 23): a few kB of PNG can claim 20000×20000 pixels.
  if (file.size > QR_IMAGE_LIMITS.maxFileBytes)
    throw new Error(`${file.name} is larger than ${QR_IMAGE_LIMITS.maxFileBytes / 1024 / 1024} MiB: not a QR image.`)
  const header = pngDimensions(new Uint8Array(await file.slice(0, 24).arrayBuffer()))
  const claimed = header && qrImageTooLarge(header.width, header.height)
  if (claimed) throw new Error(`${file.name}: ${claimed}.`)
  const bitmap = await createImageBitmap(file)
  const decoded = qrImageTooLarge(bitmap.width, bitmap.height)
  if (decoded) {
    bitmap.close()
    throw new Error(`${file.name}: ${decoded}.`)
  }
  const canvas = document.createElement('canvas')
  canvas.width = bitmap.width
  canvas.height = bitmap.height
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('This system cannot read images here.')
  ctx.drawImage(bitmap, 0, 0)
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height)
  const code = jsQR(pixels.data, pixels.width, pixels.height)
  if (!code) throw new Error(`${file.name}: no QR code was found in this image.`)
  return code.data
}

/** `ATQ1:i/n:` parts scanned so far, for a progress hint while scanning. */
export function qrPartProgress(parts: string[]): { have: number; total: number } | null {
  const seen = new Set<number>()
  let total = 0
  for (const p of parts) {
    const m = /^ATQ1:(\d+)\/(\d+):/.exec(p)
    if (!m) return null
    seen.add(Number(m[1]))
    total = Number(m[2])
  }
  return total ? { have: seen.size, total } : null
}

export const MAX_IMPORT_BYTES = 3 * 1024 * 1024

/** Reads a chosen file as text, refusing anything too large to be what we expect. */
export async function readTextFile(file: File, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
  if (file.size > maxBytes)
    throw new Error(`${file.name} is ${Math.round(file.size / 1024)} KiB; at most ${maxBytes / 1024} KiB is read.`)
  return file.text()
}
