#!/usr/bin/env node
// The `treasury` command: runs the built CLI (npm run build makes out/main/cli.js).
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('treasury: the CLI is not built yet. Run `npm run build` in the project folder first.')
  process.exit(1)
}
require(cli)
