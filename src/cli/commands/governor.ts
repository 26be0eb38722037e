import { readFileSync, writeFileSync } from 'node:fs'
import { getAddress } from 'ethers'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { readSecret } from '../secret'
import { walletFromKeystore } from './signing'
import { signBallot, verifyBallot } from '../../main/core/governor/ballot'
import { ballotFileSchema } from '../../shared/contract/governor'

const SUPPORT = { against: 0, for: 1, abstain: 2 } as const

/** On-chain governance (issue 21): ballots signed on an offline machine, and the Governor's proposals. */
export const registerGovernorCommands: RegisterCommands = (program) => {
  const governor = program
    .command('governor')
    .description('on-chain governance: an OpenZeppelin Governor over the Safe')
  governor
    .command('ballot')
    .description('sign a castVoteBySig ballot with a keystore, offline, and write it as a file anyone can relay')
    .requiredOption('--chain-id <n>', 'the chain the Governor is on')
    .requiredOption('--governor <address>', "the Governor's address")
    .requiredOption('--name <name>', "the Governor's name() (its EIP-712 domain name)")
    .option('--domain-version <v>', "the Governor's version() (its EIP-712 domain version)", '1')
    .requiredOption('--proposal <id>', 'the proposal id (decimal)')
    .requiredOption('--support <choice>', 'for, against or abstain')
    .option(
      '--nonce <n>',
      "OpenZeppelin 5.x Governor: the voter's nonces(voter) on the Governor; signs the 5.x ballot (voter and nonce)",
    )
    .option(
      '--on-behalf-of <address>',
      "OpenZeppelin 5.x, with --nonce (the contract's nonce): a contract voter (ERC-1271) that accepts this key's signature",
    )
    .requiredOption('--keystore <file>', 'Web3 Secret Storage keystore of the voter')
    .requiredOption('--out <file>', 'where to write the ballot (JSON); never overwritten')
    .option('--passphrase-file <file>', "read the keystore's passphrase from this file's first line")
    .action(
      async (opts: {
        chainId: string
        governor: string
        name: string
        domainVersion: string
        proposal: string
        support: string
        nonce?: string
        onBehalfOf?: string
        keystore: string
        out: string
        passphraseFile?: string
      }) => {
        const support = SUPPORT[opts.support as keyof typeof SUPPORT]
        if (support === undefined) throw new CliError('--support is for, against or abstain')
        if (!/^[0-9]{1,78}$/.test(opts.proposal)) throw new CliError('--proposal is a decimal proposal id')
        if (opts.nonce !== undefined && !/^[0-9]{1,78}$/.test(opts.nonce))
          throw new CliError("--nonce is the voter's decimal nonce on the Governor")
        if (opts.onBehalfOf !== undefined && opts.nonce === undefined)
          throw new CliError("--on-behalf-of is for a 5.x ballot: give the contract voter's --nonce too")
        let onBehalfOf: string | undefined
        try {
          onBehalfOf = opts.onBehalfOf === undefined ? undefined : getAddress(opts.onBehalfOf)
        } catch {
          throw new CliError('--on-behalf-of is not an address (or its checksum is wrong)')
        }
        const wallet = await walletFromKeystore(
          opts.keystore,
          await readSecret('Keystore passphrase: ', opts.passphraseFile),
        )
        const ballot = await signBallot(
          wallet,
          { chainId: Number(opts.chainId), governor: opts.governor, name: opts.name, version: opts.domainVersion },
          opts.nonce === undefined
            ? { kind: 'oz4', proposalId: BigInt(opts.proposal), support }
            : { kind: 'oz5', proposalId: BigInt(opts.proposal), support, nonce: BigInt(opts.nonce), onBehalfOf },
        )
        // Checked through the same schema and verifier the relaying app applies.
        verifyBallot(ballotFileSchema.parse(ballot))
        writeFileSync(opts.out, JSON.stringify(ballot, null, 2) + '\n', { flag: 'wx' })
        const kind = opts.nonce === undefined ? '4.x ballot' : `5.x ballot, nonce ${opts.nonce}`
        console.log(
          `Ballot by ${ballot.voter} (${opts.support}, ${kind}) written to ${opts.out}; digest ${ballot.digest}`,
        )
      },
    )
  governor
    .command('verify-ballot <file>')
    .description('check a ballot file offline: its digest from the fields and the voter from the signature')
    .action((file: string) => {
      const parsed = ballotFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
      if (!parsed.success) throw new CliError(`${file} is not a ballot file: ${parsed.error.issues[0]?.message}`)
      let verified
      try {
        verified = verifyBallot(parsed.data)
      } catch (error) {
        throw new CliError(`${file} is not a valid ballot: ${(error as Error).message}`)
      }
      const { voter, vote, signer } = verified
      const kind = vote.kind === 'oz4' ? 'OpenZeppelin 4.x ballot' : `OpenZeppelin 5.x ballot, nonce ${vote.nonce}`
      const where = `proposal ${parsed.data.proposalId} of Governor ${parsed.data.governor} (${kind})`
      if (verified.needsContractCheck)
        console.log(
          `Ballot for the contract voter ${voter} on ${where}, signed by ${signer ?? 'no single key'}: valid only if ` +
            `${voter} accepts the signature (ERC-1271), which relaying checks on chain`,
        )
      else console.log(`Valid ballot by ${voter} on ${where}`)
    })
  governor
    .command('proposals <governor>')
    .description("a connected Governor's proposals, states and time left, read from the chain")
    .action((address: string) =>
      withApi(program, async (call) => printJson(await call('governor.proposals', { governor: address }))),
    )
}
