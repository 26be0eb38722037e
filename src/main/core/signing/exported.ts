import type { ExportedDoc } from '../../../shared/contract'
import { qrImages, splitQrParts } from './qr'

/** A signing document as a file to save and the QR codes that carry it. */
export async function exported(fileName: string, json: string): Promise<ExportedDoc> {
  // QR codes carry the compact JSON: fewer parts to scan, same document.
  const parts = splitQrParts(JSON.stringify(JSON.parse(json)))
  return { fileName, json, qr: { parts, images: await qrImages(parts) } }
}
