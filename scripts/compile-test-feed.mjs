#!/usr/bin/env node
// Compiles test/fixtures/pricing/TestPriceFeed.sol offline with the bundled solc-js and writes TestPriceFeed.json
// beside it (abi, bytecode). Committed, so tests need no compiler; run again after editing the .sol.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const solc = require('solc')
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = join(root, 'test/fixtures/pricing/TestPriceFeed.sol')
const outPath = join(root, 'test/fixtures/pricing/TestPriceFeed.json')
const source = readFileSync(sourcePath, 'utf8').replace(/\r\n/g, '\n')
const input = {
  language: 'Solidity',
  sources: { 'TestPriceFeed.sol': { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    outputSelection: { 'TestPriceFeed.sol': { TestPriceFeed: ['abi', 'evm.bytecode.object'] } },
  },
}
const output = JSON.parse(solc.compile(JSON.stringify(input)))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of errors) console.error(e.formattedMessage)
if (errors.length > 0) process.exit(1)
const c = output.contracts['TestPriceFeed.sol'].TestPriceFeed
const artifact = {
  solcVersion: solc.version(),
  sourceSha256: createHash('sha256').update(source).digest('hex'),
  abi: c.abi,
  bytecode: '0x' + c.evm.bytecode.object,
}
writeFileSync(outPath, JSON.stringify(artifact) + '\n')
console.log(`wrote ${outPath}`)
