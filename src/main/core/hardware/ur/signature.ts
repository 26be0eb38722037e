import { ETHSignature } from '@keystonehq/bc-ur-registry-eth'
import { hexlify } from 'ethers'
import { ApiError } from '../../../../shared/errors'
import { decodeUr } from './codec'

const SIGNATURE = 'eth-signature'

/** What a device's `eth-signature` answer holds: the request it answers and the 65-byte r‖s‖v signature. */
export interface DeviceSignature {
  requestId: string
  /** v is 27/28 (a device answering 0/1, the raw recovery id, is normalised). */
  signature: string
}

export function readEthSignature(parts: string[]): DeviceSignature {
  const ur = decodeUr(parts, [SIGNATURE])
  let answer: ETHSignature
  try {
    answer = ETHSignature.fromCBOR(ur.cbor)
  } catch (error) {
    throw new ApiError('BAD_INPUT', `The signature code could not be read: ${(error as Error).message}`)
  }
  const id = answer.getRequestId()
  if (!id || id.length !== 16)
    throw new ApiError('BAD_INPUT', 'The signature code names no request id: it cannot be matched to a request.')
  const bytes = Uint8Array.from(answer.getSignature())
  if (bytes.length !== 65) throw new ApiError('BAD_INPUT', `A signature is 65 bytes; this one is ${bytes.length}.`)
  if (bytes[64] === 0 || bytes[64] === 1) bytes[64] += 27
  return { requestId: uuidOf(id), signature: hexlify(bytes) }
}

/** 16 bytes as the UUID text the request was made with (8-4-4-4-12 hex digits). */
function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
