// Runs the Hardhat CLI given as argv[2], but exits as soon as our parent goes away.
// The parent holds the write end of our stdin pipe; when it dies for any reason (even SIGKILL,
// where its own exit handlers never run) the pipe closes and we see 'end', so no node is orphaned.
'use strict'

const cli = process.argv[2]
if (!cli) {
  console.error('usage: node-runner.cjs <hardhat cli.js> [hardhat args...]')
  process.exit(2)
}

process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()

// Make the CLI see the argv it expects: [execPath, cli.js, ...args].
process.argv.splice(1, 2, cli)
require(cli)
