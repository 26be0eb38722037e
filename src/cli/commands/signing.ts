import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { Wallet, getAddress } from 'ethers'
import type { RegisterCommands } from '../context'
import { CliError } from '../context'
import { ask, readSecret } from '../secret'
import { ApiError } from '../../shared/errors'
import { QR_IMAGE_LIMITS } from '../../shared/png-limits'
import type { Review, SigningRequestDoc } from '../../shared/contract'
import { openDatabase, type Db } from '../../main/core/db/open'
import { workspaceFile } from '../../main/core/workspace/paths'
import { KdfQueue } from '../../main/core/keys/kdf'
import {
  hasDanger,
  joinQrParts,
  knownMultiSend,
  parseSignatureBundle,
  parseSigningRequest,
  qrPng,
  qrTerminal,
  readQrPng,
  recoverSafeSigner,
  resolveSafeState,
  reviewRequest,
  signSafeTx,
  signatureBundle,
  splitQrParts,
  stateFromRequest,
  toJson,
  verifyBundle,
  workspaceReviewEnv,
  type ReviewEnv,
  type SafeState,
} from '../../main/core/signing'
import {
  describeCouncilRequest,
  isCouncilRequestText,
  parseCouncilRequest,
  signCouncilRequest,
} from '../../main/core/council/offline'
import type { CouncilActRequest } from '../../shared/contract/council'

/** A document from a JSON file, or from one or more PNG images of its QR codes. */
export function readDocumentFiles(files: string[]): string {
  if (files.every((f) => /\.png$/i.test(f))) {
    const parts = files.map((f) => {
      if (statSync(f).size > QR_IMAGE_LIMITS.maxFileBytes)
        throw new CliError(`${f}: larger than ${QR_IMAGE_LIMITS.maxFileBytes / 1024 / 1024} MiB, not a QR image.`)
      let text: string | null
      try {
        text = readQrPng(readFileSync(f))
      } catch (error) {
        throw new CliError(`${f}: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (text === null) throw new CliError(`${f}: no QR code found in this image.`)
      return text
    })
    return joinQrParts(parts)
  }
  if (files.length !== 1) throw new CliError('Give one JSON file, or the PNG images of its QR codes.')
  return readFileSync(files[0], 'utf8')
}

/**
 * What this machine knows to review a request with, with no network: the workspace at --data-dir when there is
 * one (its chains, Safes, tokens and last synced Safe state), else only Safe's published MultiSend addresses and
 * what the request itself states (labelled as such).
 */
export async function offlineReviewEnv(
  dataDir: string | undefined,
  doc: SigningRequestDoc,
  signer?: string,
): Promise<{ env: ReviewEnv; close(): void }> {
  const file = dataDir ? workspaceFile(resolve(dataDir)) : null
  if (file && existsSync(file)) {
    const db: Db = openDatabase(file)
    let state: SafeState = await resolveSafeState(db, doc.chainId, doc.safe, { online: false })
    if (state.source === 'none') state = stateFromRequest(doc)
    return { env: workspaceReviewEnv(db, doc, state, signer), close: () => db.close() }
  }
  return {
    env: {
      knownChain: null,
      knownSafe: null,
      tokens: [],
      multiSend: knownMultiSend(doc.chainId),
      state: stateFromRequest(doc),
      signer,
    },
    close: () => {},
  }
}

export async function reviewOffline(dataDir: string | undefined, doc: SigningRequestDoc, signer?: string) {
  const { env, close } = await offlineReviewEnv(dataDir, doc, signer)
  try {
    return reviewRequest(doc, env)
  } finally {
    close()
  }
}

/** The review as a signer reads it on a terminal. */
export function formatReview(review: Review): string {
  const lines: string[] = []
  lines.push(`Safe transaction to sign`)
  lines.push(`  chain      ${review.chainId}`)
  lines.push(`  Safe       ${review.safe} (v${review.safeVersion})`)
  lines.push(
    `  nonce      ${review.safeTx.nonce}${review.safeNonce !== null ? ` (Safe is at ${review.safeNonce}, per ${review.stateSource})` : ''}`,
  )
  if (review.description) lines.push(`  about      ${review.description}`)
  lines.push(`  safeTxHash ${review.safeTxHash}`)
  lines.push('')
  lines.push('What it does:')
  const walk = (calls: Review['calls'], indent: string) => {
    for (const c of calls) {
      lines.push(`${indent}- ${c.text}${c.operation === 1 ? ' [DELEGATECALL]' : ''}`)
      if (c.parts) walk(c.parts, indent + '    ')
    }
  }
  walk(review.calls, '  ')
  if (review.transfers.length) {
    lines.push('')
    lines.push('Recipients:')
    for (const t of review.transfers)
      lines.push(
        `  ${t.kind === 'approval' ? 'may spend' : 'receives '} ${t.human} ${t.token.symbol}${t.token.known ? '' : ' (token not known here)'}  →  ${t.recipient}`,
      )
  }
  lines.push('')
  if (review.warnings.length === 0) lines.push('No warnings.')
  for (const w of review.warnings) lines.push(`${w.severity === 'danger' ? 'DANGER ' : 'caution'} ${w.message}`)
  const tx = review.safeTx
  lines.push('')
  lines.push(
    `Fields: to=${tx.to} value=${tx.value} operation=${tx.operation} safeTxGas=${tx.safeTxGas} baseGas=${tx.baseGas} gasPrice=${tx.gasPrice} gasToken=${tx.gasToken} refundReceiver=${tx.refundReceiver} nonce=${tx.nonce} data=${tx.data.length > 202 ? tx.data.slice(0, 202) + `… (${(tx.data.length - 2) / 2} bytes)` : tx.data}`,
  )
  return lines.join('\n')
}

export interface SignFileOptions {
  requestFiles: string[]
  keystoreFile: string
  passphrase: string
  outFile: string
  dataDir?: string
  acceptWarnings?: boolean
  /** review is null for a council act request (its description is logged instead). */
  confirm?: (review: Review | null) => Promise<boolean>
  log?: (line: string) => void
}

/**
 * The air-gapped signing path: request file(s) and a keystore file in, a signature bundle file out. Touches no
 * network and no workspace (a workspace at dataDir is only read, for what it knows).
 */
export async function signRequestFiles(options: SignFileOptions): Promise<{ signer: string; bundleJson: string }> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'))
  const text = readDocumentFiles(options.requestFiles)
  const wallet = await walletFromKeystore(options.keystoreFile, options.passphrase)
  if (isCouncilRequestText(text)) return signCouncilFile(text, wallet, options, log)
  const doc = parseSigningRequest(text)
  const review = await reviewOffline(options.dataDir, doc, wallet.address)
  log(formatReview(review))
  log(`\nSigner: ${wallet.address}`)
  if (hasDanger(review) && !options.acceptWarnings)
    throw new CliError(
      'Not signed: the review has DANGER warnings. Re-run with --accept-warnings only if you understand them.',
    )
  if (options.confirm && !(await options.confirm(review))) throw new CliError('Not signed.')
  const signature = await signSafeTx(wallet, doc.chainId, doc.safe, doc.safeTx)
  if (recoverSafeSigner(doc.safeTxHash, signature).signer !== wallet.address)
    throw new CliError('The signature did not verify; nothing was written.')
  const bundleJson = toJson(signatureBundle(doc, wallet.address, signature))
  writeFileSync(options.outFile, bundleJson, { flag: 'wx' })
  return { signer: wallet.address, bundleJson }
}

/** A council act request (issue 18): read in full, signed (EIP-712 CouncilAct), answered by a signature file. */
async function signCouncilFile(
  text: string,
  wallet: Wallet,
  options: SignFileOptions,
  log: (line: string) => void,
): Promise<{ signer: string; bundleJson: string }> {
  let request: CouncilActRequest
  try {
    request = parseCouncilRequest(text)
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error))
  }
  log(describeCouncilRequest(request))
  log(`\nSigner: ${wallet.address}`)
  if (request.message.expiry * 1000 < Date.now()) throw new CliError('Not signed: the request has expired.')
  if (options.confirm && !(await options.confirm(null))) throw new CliError('Not signed.')
  const bundleJson = JSON.stringify(await signCouncilRequest(wallet, request), null, 2) + '\n'
  writeFileSync(options.outFile, bundleJson, { flag: 'wx' })
  return { signer: wallet.address, bundleJson }
}

export async function walletFromKeystore(keystoreFile: string, passphrase: string): Promise<Wallet> {
  let wallet: Wallet
  // The same bounded KDF as the workspace's keys (issue 23): a file asking for minutes of CPU is refused with why.
  const kdf = new KdfQueue()
  try {
    const account = await kdf.decrypt(readFileSync(keystoreFile, 'utf8'), passphrase)
    wallet = new Wallet(account.privateKey)
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHORIZED')
      throw new CliError(`Wrong passphrase for ${keystoreFile}.`)
    if (error instanceof ApiError && error.code === 'BAD_INPUT') throw new CliError(`${keystoreFile}: ${error.message}`)
    throw new CliError(`${keystoreFile} is not a readable Web3 Secret Storage keystore.`)
  } finally {
    await kdf.close()
  }
  return wallet
}

function dataDirOf(program: Command): string | undefined {
  return program.opts<{ dataDir?: string }>().dataDir
}

function fail(error: unknown): never {
  if (error instanceof ApiError) throw new CliError(error.message)
  if ((error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new CliError(`No such file: ${(error as NodeJS.ErrnoException).path}`)
  if ((error as NodeJS.ErrnoException).code === 'EEXIST')
    throw new CliError(`${(error as NodeJS.ErrnoException).path} already exists: choose another --out file.`)
  throw error
}

export const registerSigningCommands: RegisterCommands = (program) => {
  program
    .command('inspect')
    .description(
      'decode a signing request (JSON file or PNG images of its QR codes): summary, warnings, hash. No network.',
    )
    .argument('<request...>', 'the request file, or its QR images (PNG)')
    .option('--json', 'print the review as JSON')
    .action(async (files: string[], opts: { json?: boolean }) => {
      try {
        const doc = parseSigningRequest(readDocumentFiles(files))
        const review = await reviewOffline(dataDirOf(program), doc)
        console.log(opts.json ? JSON.stringify(review, null, 2) : formatReview(review))
        if (hasDanger(review)) process.exitCode = 2
      } catch (error) {
        fail(error)
      }
    })

  program
    .command('sign')
    .description('sign a request with a keystore file, offline (EIP-712), and write a signature bundle')
    .argument('<request...>', 'the request file, or its QR images (PNG)')
    .requiredOption('--keystore <file>', 'Web3 Secret Storage keystore of the signer')
    .requiredOption('--out <file>', 'where to write the signature bundle (JSON); never overwritten')
    .option('--passphrase-file <file>', "read the keystore's passphrase from this file's first line")
    .option('--yes', 'sign without asking for confirmation')
    .option('--accept-warnings', 'sign even when the review shows DANGER warnings')
    .option('--qr', 'also print the bundle as a QR code on the terminal')
    .option('--qr-png <file>', 'also write the bundle as a QR image (PNG)')
    .action(
      async (
        files: string[],
        opts: {
          keystore: string
          out: string
          passphraseFile?: string
          yes?: boolean
          acceptWarnings?: boolean
          qr?: boolean
          qrPng?: string
        },
      ) => {
        try {
          if (!opts.yes && !process.stdin.isTTY)
            throw new CliError('No terminal to confirm on: pass --yes to sign after reading `treasury inspect`.')
          const passphrase = await readSecret('Keystore passphrase: ', opts.passphraseFile)
          const { signer, bundleJson } = await signRequestFiles({
            requestFiles: files,
            keystoreFile: opts.keystore,
            passphrase,
            outFile: opts.out,
            dataDir: dataDirOf(program),
            acceptWarnings: opts.acceptWarnings,
            confirm: opts.yes
              ? undefined
              : async () => /^y(es)?$/i.test((await ask('\nSign this transaction? [y/N] ', false)).trim()),
          })
          const parts = splitQrParts(bundleJson.trimEnd())
          if (opts.qrPng) {
            if (parts.length > 1) throw new CliError('The bundle needs more than one QR code; use the file.')
            writeFileSync(opts.qrPng, await qrPng(parts[0]), { flag: 'wx' })
          }
          if (opts.qr) for (const part of parts) process.stderr.write(await qrTerminal(part))
          console.log(`Signed by ${signer}; signature bundle written to ${opts.out}`)
        } catch (error) {
          fail(error)
        }
      },
    )

  program
    .command('verify-signature')
    .description('check a signature bundle against its request, offline: hash, signer, chain, Safe, owner')
    .argument('<request>', 'the signing request (JSON)')
    .argument('<signature>', 'the signature bundle (JSON)')
    .action(async (requestFile: string, signatureFile: string) => {
      try {
        const doc = parseSigningRequest(readFileSync(requestFile, 'utf8'))
        const bundle = parseSignatureBundle(readFileSync(signatureFile, 'utf8'))
        const verified = verifyBundle(doc, bundle)
        const { env, close } = await offlineReviewEnv(dataDirOf(program), doc)
        close()
        const owners = env.state.owners
        const isOwner = owners ? owners.some((o) => getAddress(o) === verified.signer) : null
        console.log(
          JSON.stringify(
            {
              ok: isOwner !== false,
              signer: verified.signer,
              kind: verified.kind,
              safeTxHash: doc.safeTxHash,
              chainId: doc.chainId,
              safe: doc.safe,
              owner: isOwner,
              ownersFrom: env.state.source,
            },
            null,
            2,
          ),
        )
        if (isOwner === false) {
          console.error(`${verified.signer} is not an owner of ${doc.safe} (owners per ${env.state.source}).`)
          process.exitCode = 1
        }
      } catch (error) {
        fail(error)
      }
    })

  const qr = program.command('qr').description('QR codes of requests and signature bundles')
  qr.command('read')
    .description('read the document held by QR images (PNG, all parts, any order) and print or save it')
    .argument('<images...>', 'PNG files')
    .option('--out <file>', 'write the document here instead of printing it')
    .action((images: string[], opts: { out?: string }) => {
      try {
        const text = readDocumentFiles(images)
        if (opts.out) writeFileSync(opts.out, text, { flag: 'wx' })
        else console.log(text)
      } catch (error) {
        fail(error)
      }
    })
}
