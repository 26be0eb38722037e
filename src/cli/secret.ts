import { readFileSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { CliError } from './context'

/**
 * A secret from a file (its first line) or typed at a terminal with echo off. Never from the command line: argv is
 * visible to every user of the machine (ps) and lands in shell history.
 */
export async function readSecret(prompt: string, file?: string, options: { confirm?: boolean } = {}): Promise<string> {
  if (file) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0)
      process.stderr.write(`warning: ${file} is readable by other users of this machine (chmod 600 it)\n`)
    const secret = readFileSync(file, 'utf8').split(/\r?\n/)[0]
    if (!secret) throw new CliError(`${file} is empty: its first line must hold the passphrase.`)
    return secret
  }
  if (!process.stdin.isTTY)
    throw new CliError(
      'No terminal to type a passphrase on: pass --passphrase-file FILE (never the passphrase itself).',
    )
  const first = await ask(prompt)
  if (options.confirm && (await ask('Again, to confirm: ')) !== first) throw new CliError('The two entries differ.')
  return first
}

/** Asks on the terminal with echo off. */
export function ask(prompt: string, hidden = true): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close()
      if (hidden) process.stderr.write('\n')
      resolve(answer)
    })
    muted = hidden
  })
}
