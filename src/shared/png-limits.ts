/**
 * Limits for QR images, checked from the PNG header before any pixel is decoded: a 20000×20000 PNG is a few kB
 * on disk but 1.6 GB of RGBA and a minute of jsQR. A QR part as the app draws it is under 1000 px a side; a photo
 * of a screen stays under 4096.
 */
export const QR_IMAGE_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxSide: 4096,
  maxPixels: 4096 * 4096,
} as const

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Width and height from a PNG's IHDR chunk (the first 24 bytes); null when the bytes are not a PNG. */
export function pngDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Why an image of these dimensions is refused, or null when it may be decoded. */
export function qrImageTooLarge(width: number, height: number): string | null {
  const { maxSide, maxPixels } = QR_IMAGE_LIMITS
  if (width > maxSide || height > maxSide || width * height > maxPixels)
    return `the image is ${width}×${height} pixels; a QR image may be at most ${maxSide}×${maxSide}`
  return null
}
