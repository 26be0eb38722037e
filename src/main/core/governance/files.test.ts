import { describe, expect, it } from 'vitest'
import { Wallet } from 'ethers'
import { parseVoteFile, voteBundle, voteFile } from './files'
import { governanceDomain, signVote, type VoteMessage } from './typed-data'

const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const domain = governanceDomain(31337, TOKEN)
const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d')
const message: VoteMessage = {
  proposalId: '0x' + 'AB'.repeat(32),
  support: 2,
  voter: wallet.address,
  timestamp: 1_700_000_000,
  reason: '',
}

async function goodFile() {
  return voteFile(domain, message, await signVote(wallet, domain, message))
}

describe('vote files', () => {
  it('parse a single vote and a bundle, normalising the proposal id', async () => {
    const file = await goodFile()
    const [one] = parseVoteFile(JSON.stringify(file))
    expect(one).toMatchObject({ index: 0, domain, message: { ...message, proposalId: '0x' + 'ab'.repeat(32) } })
    const many = parseVoteFile(JSON.stringify(voteBundle([file, file])))
    expect(many.map((v) => v.index)).toEqual([0, 1])
  })

  it('accept uint fields written as decimal strings, as some wallets export them', async () => {
    const file = JSON.parse(JSON.stringify(await goodFile()))
    file.typedData.domain.chainId = '31337'
    file.typedData.message.timestamp = '1700000000'
    expect(parseVoteFile(JSON.stringify(file))[0].message.timestamp).toBe(1_700_000_000)
  })

  it('refuse malformed files, naming what is wrong', async () => {
    const file = await goodFile()
    const mutate = (f: (x: ReturnType<typeof JSON.parse>) => void) => {
      const copy = JSON.parse(JSON.stringify(file))
      f(copy)
      return JSON.stringify(copy)
    }
    const cases: Array<[string, RegExp]> = [
      ['not json', /not JSON/],
      ['[]', /one JSON object/],
      [JSON.stringify({ format: 'x' }), /unknown format "x"/],
      [mutate((x) => (x.version = 2)), /version/],
      [mutate((x) => (x.signature = '0x1234')), /signature: signature must be 65 bytes/],
      [mutate((x) => (x.typedData.message.support = 3)), /support must be 0/],
      [mutate((x) => (x.typedData.message.voter = wallet.address.toLowerCase().replace('0x7', '0x7z'))), /voter/],
      [mutate((x) => (x.typedData.message.voter = '0x70997970C51812dc3A010C7d01b50e0d17dc79c8')), /checksum/],
      [mutate((x) => (x.typedData.message.extra = 1)), /extra|Unrecognized/i],
      [mutate((x) => (x.typedData.primaryType = 'Mail')), /primaryType/],
      [mutate((x) => (x.typedData.types.Vote[1].type = 'uint256')), /types other than/],
      [mutate((x) => (x.typedData.types.Extra = [])), /types other than/],
      [mutate((x) => (x.typedData.message.reason = 'x'.repeat(1001))), /reason/],
      [JSON.stringify({ format: 'aitbc-governance-votes', version: 1, votes: [] }), /non-empty/],
      [JSON.stringify({ format: 'aitbc-governance-votes', version: 1, votes: [file, { nope: 1 }] }), /votes\[1\]/],
    ]
    for (const [text, expected] of cases) expect(() => parseVoteFile(text), text.slice(0, 80)).toThrow(expected)
  })
})
