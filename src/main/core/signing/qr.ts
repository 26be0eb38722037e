import { createHash } from 'node:crypto'
import QRCode from 'qrcode'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { ApiError } from '../../../shared/errors'
import { QR_IMAGE_LIMITS, pngDimensions, qrImageTooLarge } from '../../../shared/png-limits'

/**
 * Multi-part QR transport: `ATQ1:<i>/<n>:<id>:<chunk>`, where id is the first 8 hex digits of the SHA-256 of the
 * whole text (it ties the parts together and checks the reassembled text). A single plain-JSON QR is read too.
 * Parts are shown one after another (animated) and may be scanned in any order.
 */
export const QR_PREFIX = 'ATQ1:'
/** Characters per part: a version ~20 code at error correction M, easy for a webcam or jsQR to read off a screen. */
export const QR_CHUNK = 600

const PART = /^ATQ1:(\d{1,3})\/(\d{1,3}):([0-9a-f]{8}):([\s\S]*)$/

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8)
}

export function splitQrParts(text: string, chunk = QR_CHUNK): string[] {
  const id = digest(text)
  const total = Math.max(1, Math.ceil(text.length / chunk))
  if (total > 999) throw new ApiError('BAD_INPUT', 'This document is too large to travel as QR codes: use the file.')
  return Array.from(
    { length: total },
    (_, i) => `${QR_PREFIX}${i + 1}/${total}:${id}:${text.slice(i * chunk, (i + 1) * chunk)}`,
  )
}

/** Reassembles scanned parts (any order, repeats allowed); names the missing parts when some are absent. */
export function joinQrParts(parts: string[]): string {
  // Content is kept byte for byte (the checksum covers it); only whole-blank reads are dropped.
  const cleaned = parts.filter((p) => p.trim() !== '')
  if (cleaned.length === 0) throw new ApiError('BAD_INPUT', 'No QR code was read.')
  if (cleaned.length === 1 && !cleaned[0].startsWith(QR_PREFIX)) return cleaned[0].trim() // a plain single-code document
  let id: string | null = null
  let total = 0
  const chunks = new Map<number, string>()
  for (const part of cleaned) {
    const m = PART.exec(part)
    if (!m) throw new ApiError('BAD_INPUT', 'A scanned QR code is not part of an AITBC Treasury document.')
    const [index, count] = [Number(m[1]), Number(m[2])]
    if (id !== null && (m[3] !== id || count !== total))
      throw new ApiError(
        'BAD_INPUT',
        'The QR codes come from different documents: scan the parts of one document only.',
      )
    if (index < 1 || index > count) throw new ApiError('BAD_INPUT', `QR part ${index} of ${count} is not valid.`)
    id = m[3]
    total = count
    const seen = chunks.get(index)
    if (seen !== undefined && seen !== m[4])
      throw new ApiError('BAD_INPUT', `QR part ${index} was read twice with different content.`)
    chunks.set(index, m[4])
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((i) => !chunks.has(i))
  if (missing.length)
    throw new ApiError(
      'BAD_INPUT',
      `QR part${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${total} ${missing.length === 1 ? 'is' : 'are'} missing: scan every part.`,
      { missing, total },
    )
  const text = Array.from({ length: total }, (_, i) => chunks.get(i + 1)!).join('')
  if (digest(text) !== id)
    throw new ApiError('BAD_INPUT', 'The QR parts do not reassemble into the document they came from (checksum).')
  return text
}

/** PNG data URLs, one per part, for the screen or for saving. */
export async function qrImages(parts: string[]): Promise<string[]> {
  return Promise.all(parts.map((part) => QRCode.toDataURL(part, { errorCorrectionLevel: 'M', margin: 2, scale: 4 })))
}

export async function qrPng(part: string): Promise<Buffer> {
  return QRCode.toBuffer(part, { errorCorrectionLevel: 'M', margin: 2, scale: 4 })
}

/** A terminal rendering (for `treasury sign` on a machine with a screen and no GUI). */
export async function qrTerminal(part: string): Promise<string> {
  return QRCode.toString(part, { type: 'utf8', errorCorrectionLevel: 'M', margin: 2 })
}

/** Reads the QR code in a PNG image; null when the image holds none. */
export function readQrPng(png: Buffer): string | null {
  // Sized from the header first: decoding is what costs (a 20000×20000 image took 60 s and 2.8 GB).
  if (png.length > QR_IMAGE_LIMITS.maxFileBytes)
    throw new ApiError('BAD_INPUT', `That image is larger than ${QR_IMAGE_LIMITS.maxFileBytes / 1024 / 1024} MiB.`)
  const size = pngDimensions(png)
  if (!size) throw new ApiError('BAD_INPUT', 'That image is not a readable PNG file.')
  const tooLarge = qrImageTooLarge(size.width, size.height)
  if (tooLarge) throw new ApiError('BAD_INPUT', `That image is refused: ${tooLarge}.`)
  let image: PNG
  try {
    image = PNG.sync.read(png)
  } catch {
    throw new ApiError('BAD_INPUT', 'That image is not a readable PNG file.')
  }
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  )
  return code ? code.data : null
}
