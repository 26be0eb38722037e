import { crc32 } from 'node:zlib'

/*
 * An independent reader of UR parts (BCR-2020-005 UR, BCR-2020-012 bytewords, RFC 8949 CBOR), written from the
 * specifications for the tests: it shares no code with @ngraveio/bc-ur or @keystonehq/bc-ur-registry. It joins the
 * pure fragments (seq 1..n) of a multi-part UR, so the parts must include each of them once.
 */

/** The 256 bytewords (BCR-2020-012), in byte order; "minimal" style uses each word's first and last letters. */
const WORDS =
  'ableacidalsoapexaquaarchatomauntawayaxisbackbaldbarnbeltbetabiasbluebodybragbrewbulbbuzzcalmcashcatschefcityclawcodecolacookcostcruxcurlcuspcyandarkdatadaysdelidicedietdoordowndrawdropdrumdulldutyeacheasyechoedgeepicevenexamexiteyesfactfairfernfigsfilmfishfizzflapflewfluxfoxyfreefrogfuelfundgalagamegeargemsgiftgirlglowgoodgraygrimgurugushgyrohalfhanghardhawkheathelphighhillholyhopehornhutsicedideaidleinchinkyintoirisironitemjadejazzjoinjoltjowljudojugsjumpjunkjurykeepkenokeptkeyskickkilnkingkitekiwiknoblamblavalazyleaflegsliarlimplionlistlogoloudloveluaulucklungmainmanymathmazememomenumeowmildmintmissmonknailnavyneednewsnextnoonnotenumbobeyoboeomitonyxopenovalowlspaidpartpeckplaypluspoempoolposepuffpumapurrquadquizraceramprealredorichroadrockroofrubyruinrunsrustsafesagascarsetssilkskewslotsoapsolosongstubsurfswantacotasktaxitenttiedtimetinytoiltombtoystriptunatwinuglyundouniturgeuservastveryvetovialvibeviewvisavoidvowswallwandwarmwaspwavewaxywebswhatwhenwhizwolfworkyankyawnyellyogayurtzapszerozestzinczonezoom'

function minimalBytewordsDecode(text: string): Uint8Array {
  const table = new Map<string, number>()
  for (let i = 0; i < 256; i++) table.set(WORDS[i * 4] + WORDS[i * 4 + 3], i)
  if (text.length % 2) throw new Error('bytewords: odd length')
  const bytes = Uint8Array.from({ length: text.length / 2 }, (_, i) => {
    const b = table.get(text.slice(i * 2, i * 2 + 2))
    if (b === undefined) throw new Error('bytewords: unknown word')
    return b
  })
  const body = bytes.subarray(0, bytes.length - 4)
  const sum = Buffer.from(bytes.subarray(bytes.length - 4)).readUInt32BE(0)
  if (crc32(body) !== sum) throw new Error('bytewords: checksum mismatch')
  return body
}

export interface Tagged {
  tag: number
  value: unknown
}

/** A minimal CBOR decoder: unsigned/negative integers, byte and text strings, arrays, maps, tags, simple values. */
export function decodeCbor(bytes: Uint8Array): unknown {
  let at = 0
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  function length(info: number): number {
    if (info < 24) return info
    if (info === 24) return bytes[at++]
    if (info === 25) return ((at += 2), view.getUint16(at - 2))
    if (info === 26) return ((at += 4), view.getUint32(at - 4))
    if (info === 27) return ((at += 8), Number(view.getBigUint64(at - 8)))
    throw new Error('cbor: indefinite lengths are not used by UR')
  }
  function item(): unknown {
    const head = bytes[at++]
    const major = head >> 5
    const info = head & 31
    if (major === 7) return info === 20 ? false : info === 21 ? true : info === 22 ? null : undefined
    const n = length(info)
    switch (major) {
      case 0:
        return n
      case 1:
        return -1 - n
      case 2:
        return ((at += n), bytes.slice(at - n, at))
      case 3:
        return ((at += n), new TextDecoder().decode(bytes.subarray(at - n, at)))
      case 4:
        return Array.from({ length: n }, () => item())
      case 5: {
        const map = new Map<unknown, unknown>()
        for (let i = 0; i < n; i++) map.set(item(), item())
        return map
      }
      default:
        return { tag: n, value: item() } satisfies Tagged
    }
  }
  const value = item()
  if (at !== bytes.length) throw new Error('cbor: trailing bytes')
  return value
}

/** The type and CBOR message of a UR, from its parts (single-part or the pure fragments of a multi-part one). */
export function independentUrDecode(parts: string[]): { type: string; cbor: Uint8Array } {
  const lower = parts.map((p) => p.toLowerCase())
  const single = lower.find((p) => /^ur:[a-z0-9-]+\/[a-z]+$/.test(p))
  if (single) {
    const [, type, body] = /^ur:([a-z0-9-]+)\/([a-z]+)$/.exec(single)!
    return { type, cbor: minimalBytewordsDecode(body) }
  }
  const fragments = new Map<number, Uint8Array>()
  let type = ''
  let total = 0
  let messageLength = 0
  let checksum = 0
  for (const part of lower) {
    const m = /^ur:([a-z0-9-]+)\/(\d+)-(\d+)\/([a-z]+)$/.exec(part)
    if (!m) throw new Error('not a UR part')
    const [seq, seqLength, messageLen, sum, fragment] = decodeCbor(minimalBytewordsDecode(m[4])) as [
      number,
      number,
      number,
      number,
      Uint8Array,
    ]
    if (seq !== Number(m[2]) || seqLength !== Number(m[3])) throw new Error('UR part header mismatch')
    type = m[1]
    total = seqLength
    messageLength = messageLen
    checksum = sum
    if (seq <= seqLength) fragments.set(seq, fragment)
  }
  if (fragments.size !== total) throw new Error(`only ${fragments.size} of ${total} pure fragments`)
  const joined = Buffer.concat(Array.from({ length: total }, (_, i) => fragments.get(i + 1)!)).subarray(
    0,
    messageLength,
  )
  if (crc32(joined) >>> 0 !== checksum >>> 0) throw new Error('UR message checksum mismatch')
  return { type, cbor: new Uint8Array(joined) }
}
