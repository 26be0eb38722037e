import QRCode from 'qrcode'
import { UR, UREncoder, URDecoder } from '@ngraveio/bc-ur'
import type { RegistryItem } from '@keystonehq/bc-ur-registry-eth'
import { ApiError } from '../../../../shared/errors'

/**
 * Blockchain Commons UR transport (BCR-2020-005/012) as ERC-4527 devices speak it: one `ur:<type>/<bytewords>`
 * code for a small payload, else fountain-coded parts `ur:<type>/<seq>-<n>/<bytewords>` that a camera may read in
 * any order and with gaps (the decoder solves the message from any sufficient mix of parts).
 */

/** Bytes of CBOR per part: ~430 characters of bytewords, a QR (version ~13) a phone camera reads off a screen. */
export const UR_FRAGMENT_BYTES = 200
/**
 * Most parts a request shows: a 200-call MultiSend of token transfers is ~75 kB of typed data (hex in JSON), ~380
 * fragments, shown with as many fountain extras.
 */
const MAX_SHOWN_PARTS = 3000

/**
 * The parts to show, in order: every pure fragment once, then mixed (fountain) parts, so a frame the camera misses is
 * made up by a later one without waiting for the whole cycle. As many mixed parts as fragments for a small request;
 * a quarter as many (at least 50) for a large one, whose mixed parts cost the encoder ~10 ms each.
 */
export function urParts(item: RegistryItem, fragmentBytes = UR_FRAGMENT_BYTES): string[] {
  const encoder = item.toUREncoder(fragmentBytes)
  const fragments = encoder.fragmentsLength
  if (fragments === 1) return [UREncoder.encodeSinglePart(item.toUR())]
  const extras = fragments <= 50 ? fragments : Math.max(50, Math.ceil(fragments / 4))
  if (fragments + extras > MAX_SHOWN_PARTS)
    throw new ApiError('BAD_INPUT', 'This transaction is too large to travel as QR codes.')
  return Array.from({ length: fragments + extras }, () => encoder.nextPart())
}

/** The UR the scanned parts make; names how far it got when parts are missing. */
export function decodeUr(parts: string[], expected: readonly string[]): UR {
  const cleaned = parts.map((p) => p.trim().toLowerCase()).filter((p) => p !== '')
  if (cleaned.length === 0) throw new ApiError('BAD_INPUT', 'No QR code was read.')
  const decoder = new URDecoder()
  for (const part of cleaned) {
    if (!part.startsWith('ur:'))
      throw new ApiError('BAD_INPUT', 'A scanned QR code is not a UR code (ERC-4527): it does not start with "ur:".')
    let accepted: boolean
    try {
      accepted = decoder.receivePart(part)
    } catch (error) {
      throw new ApiError('BAD_INPUT', `A UR part could not be read: ${(error as Error).message}`)
    }
    if (!accepted && !decoder.isComplete())
      throw new ApiError('BAD_INPUT', 'The QR codes come from different UR messages: scan the parts of one only.')
    if (decoder.isComplete()) break
  }
  if (!decoder.isComplete()) {
    const percent = Math.floor(decoder.estimatedPercentComplete() * 100)
    throw new ApiError(
      'BAD_INPUT',
      `The UR code is incomplete (${decoder.receivedPartIndexes().length} of ${decoder.expectedPartCount()} parts, about ${percent}%): scan more of its parts.`,
      { received: decoder.receivedPartIndexes().length, expected: decoder.expectedPartCount() },
    )
  }
  if (!decoder.isSuccess()) throw new ApiError('BAD_INPUT', `The UR code is damaged: ${decoder.resultError()}.`)
  const ur = decoder.resultUR()
  if (!expected.includes(ur.type))
    throw new ApiError(
      'BAD_INPUT',
      `This is a "${ur.type}" code; expected ${expected.map((t) => `"${t}"`).join(' or ')}.`,
    )
  return ur
}

/**
 * PNG data URLs of the parts. Upper case puts the whole text in QR's alphanumeric mode (BCR-2020-005 §"QR"),
 * about a third smaller than byte mode; every UR reader accepts it.
 */
export function urImages(parts: string[]): Promise<string[]> {
  return Promise.all(
    parts.map((part) => QRCode.toDataURL(part.toUpperCase(), { errorCorrectionLevel: 'L', margin: 2, scale: 4 })),
  )
}

export async function urPng(part: string): Promise<Buffer> {
  return QRCode.toBuffer(part.toUpperCase(), { errorCorrectionLevel: 'L', margin: 2, scale: 4 })
}
