// Runs the Hardhat CLI given as argv[2], but exits as soon as our parent goes away.
// As a child process: the parent holds the write end of our stdin pipe; when it dies for any reason (even SIGKILL,
// where its own exit handlers never run) the pipe closes and we see 'end', so no node is orphaned.
// As an Electron utility process (process.parentPort is set): Electron ends us with the app; stdin is not ours.
'use strict'

const cli = process.argv[2]
if (!cli) {
  console.error('usage: node-runner.cjs <hardhat cli.js> [hardhat args...]')
  process.exit(2)
}

if (!process.parentPort) {
  process.stdin.on('end', () => process.exit(0))
  process.stdin.on('error', () => process.exit(0))
  process.stdin.resume()
}

// No web page may talk to the sandbox node: requests with an Origin (or a non-loopback Host) are refused.
require('./origin-guard.cjs')

// Make the CLI see the argv it expects: [execPath, cli.js, ...args].
process.argv.splice(1, 2, cli)
require(cli)
