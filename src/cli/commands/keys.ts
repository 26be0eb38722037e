import { readFileSync, writeFileSync } from 'node:fs'
import { HDNodeWallet, Mnemonic, Wallet, encryptKeystoreJson } from 'ethers'
import { randomBytes, randomInt } from 'node:crypto'
import type { RegisterCommands } from '../context'
import { CliError, printJson, withApi } from '../context'
import { ask, readSecret } from '../secret'
import { MIN_PASSPHRASE } from '../../shared/contract'
import { KEYSTORE_SCRYPT, MNEMONIC_WORDS, derivationPath, useNativeScrypt } from '../../main/core/keys'

function firstLine(file: string): string {
  const line = readFileSync(file, 'utf8').split(/\r?\n/)[0].trim()
  if (!line) throw new CliError(`${file} is empty.`)
  return line
}

async function newPassphrase(file?: string): Promise<string> {
  const passphrase = await readSecret('New passphrase for the keystore: ', file, { confirm: true })
  if (passphrase.length < MIN_PASSPHRASE) throw new CliError(`A passphrase has at least ${MIN_PASSPHRASE} characters.`)
  return passphrase
}

/** Shows a fresh recovery phrase once on the terminal and asks for three of its words back. */
async function confirmPhraseOnTerminal(words: string[], confirm: number[]): Promise<string[]> {
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new CliError('A recovery phrase is shown only on a terminal (it must not land in a file or a log).')
  process.stderr.write('\nWrite these words down, in order, on paper. They are shown once.\n\n')
  words.forEach((w, i) => process.stderr.write(`${String(i + 1).padStart(2)}. ${w}${i % 4 === 3 ? '\n' : '\t'}`))
  await ask('\nPress Enter when they are written down (the screen is cleared).', false)
  process.stderr.write('\x1b[2J\x1b[3J\x1b[H')
  const answers: string[] = []
  for (const position of confirm) answers.push((await ask(`Word #${position + 1}: `, false)).trim().toLowerCase())
  return answers
}

export const registerKeysCommands: RegisterCommands = (program) => {
  const keys = program.command('keys').description('signer keys (Web3 Secret Storage keystores)')

  keys
    .command('new')
    .description('create a signer: in the workspace, or as a standalone keystore file with --out (no workspace)')
    .option('--label <label>', 'a name for the signer', 'Signer')
    .option('--mnemonic', "derive it from a new 24-word recovery phrase (m/44'/60'/0'/0/0), shown once")
    .option('--out <file>', 'write a standalone keystore file here instead (for an air-gapped machine)')
    .option('--passphrase-file <file>', "read the new keystore's passphrase from this file's first line")
    .action(async (opts: { label: string; mnemonic?: boolean; out?: string; passphraseFile?: string }) => {
      if (opts.out) {
        let wallet: Wallet
        if (opts.mnemonic) {
          const phrase = Mnemonic.fromEntropy(randomBytes((MNEMONIC_WORDS / 3) * 4)).phrase
          const words = phrase.split(' ')
          const picked = new Set<number>()
          while (picked.size < 3) picked.add(randomInt(MNEMONIC_WORDS))
          const confirm = [...picked].sort((a, b) => a - b)
          const answers = await confirmPhraseOnTerminal(words, confirm)
          if (confirm.some((p, i) => answers[i] !== words[p]))
            throw new CliError('The words do not match: nothing was written.')
          wallet = new Wallet(HDNodeWallet.fromPhrase(phrase, undefined, derivationPath(0)).privateKey)
        } else {
          wallet = new Wallet(Wallet.createRandom().privateKey)
        }
        const passphrase = await newPassphrase(opts.passphraseFile)
        useNativeScrypt()
        const json = await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, passphrase, {
          scrypt: KEYSTORE_SCRYPT,
        })
        writeFileSync(opts.out, json, { mode: 0o600, flag: 'wx' })
        console.log(`${wallet.address} written to ${opts.out} (scrypt N=${KEYSTORE_SCRYPT.N})`)
        return
      }
      await withApi(program, async (call) => {
        if (opts.mnemonic) {
          const pending = await call('keys.createMnemonic', {})
          const words = await confirmPhraseOnTerminal(pending.words, pending.confirm)
          const passphrase = await newPassphrase(opts.passphraseFile)
          printJson(await call('keys.confirmMnemonic', { id: pending.id, words, label: opts.label, passphrase }))
        } else {
          const passphrase = await newPassphrase(opts.passphraseFile)
          printJson(await call('keys.create', { label: opts.label, passphrase }))
        }
      })
    })

  keys
    .command('import')
    .description('import a signer into the workspace from a file (a secret is never taken on the command line)')
    .option('--label <label>', 'a name for the signer', 'Imported signer')
    .option('--private-key-file <file>', 'a file whose first line is the private key (hex)')
    .option('--mnemonic-file <file>', 'a file whose first line is the recovery phrase')
    .option('--index <n>', "account index i in m/44'/60'/0'/0/i (with --mnemonic-file)", '0')
    .option('--keystore <file>', 'a Web3 Secret Storage keystore file')
    .option('--keystore-passphrase-file <file>', "the imported keystore's passphrase (first line)")
    .option('--passphrase-file <file>', "the workspace keystore's new passphrase (first line)")
    .action(
      async (opts: {
        label: string
        privateKeyFile?: string
        mnemonicFile?: string
        index: string
        keystore?: string
        keystorePassphraseFile?: string
        passphraseFile?: string
      }) => {
        const given = [opts.privateKeyFile, opts.mnemonicFile, opts.keystore].filter(Boolean).length
        if (given !== 1) throw new CliError('Give exactly one of --private-key-file, --mnemonic-file, --keystore.')
        const index = Number(opts.index)
        if (!Number.isInteger(index) || index < 0) throw new CliError('--index is a whole number ≥ 0.')
        const source = opts.privateKeyFile
          ? { kind: 'privateKey' as const, privateKey: firstLine(opts.privateKeyFile) }
          : opts.mnemonicFile
            ? { kind: 'mnemonic' as const, mnemonic: firstLine(opts.mnemonicFile), index }
            : {
                kind: 'keystore' as const,
                json: readFileSync(opts.keystore!, 'utf8'),
                keystorePassphrase: await readSecret('Passphrase of the keystore file: ', opts.keystorePassphraseFile),
              }
        const passphrase = await newPassphrase(opts.passphraseFile)
        await withApi(program, async (call) =>
          printJson(await call('keys.import', { label: opts.label, passphrase, source })),
        )
      },
    )

  keys
    .command('list')
    .description("the workspace's signers (address, label, kind, path)")
    .action(() => withApi(program, async (call) => printJson(await call('keys.list', {}))))

  keys
    .command('export')
    .description("write a signer's encrypted keystore file (for `treasury sign --keystore`)")
    .argument('<address>', 'the signer')
    .requiredOption('--out <file>', 'where to write it (never overwritten)')
    .option('--passphrase-file <file>', "read the key's passphrase from this file's first line (else a hidden prompt)")
    .action((address: string, opts: { out: string; passphraseFile?: string }) =>
      withApi(program, async (call) => {
        // The key's own passphrase: the workspace proves it before the file leaves (issue 23).
        const passphrase = await readSecret(`Passphrase of ${address}: `, opts.passphraseFile)
        const { json } = await call('keys.export', { address, passphrase })
        writeFileSync(opts.out, json, { mode: 0o600, flag: 'wx' })
        console.log(`Keystore of ${address} written to ${opts.out}`)
      }),
    )
}
