#!/usr/bin/env node
// Compiles test/fixtures/tokens/TestTokens.sol offline with the bundled solc-js (OpenZeppelin 4.9.6 imports) and
// writes test/fixtures/tokens/TestTokens.json (abi, bytecode, deployedBytecode per contract). Committed, so tests
// and benchmarks need no compiler; run again after editing the .sol.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findImports, readSource, root, solc } from './solc-openzeppelin.mjs'

const sourcePath = join(root, 'test/fixtures/tokens/TestTokens.sol')
const outPath = join(root, 'test/fixtures/tokens/TestTokens.json')

const source = readSource(sourcePath)
const input = {
  language: 'Solidity',
  sources: { 'TestTokens.sol': { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    outputSelection: { 'TestTokens.sol': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
}
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of output.errors ?? []) if (e.severity === 'error') console.error(e.formattedMessage)
if (errors.length > 0) process.exit(1)
const contracts = {}
for (const [name, c] of Object.entries(output.contracts['TestTokens.sol'])) {
  contracts[name] = {
    abi: c.abi,
    bytecode: '0x' + c.evm.bytecode.object,
    deployedBytecode: '0x' + c.evm.deployedBytecode.object,
  }
}
const artifact = {
  solcVersion: solc.version(),
  sourceSha256: createHash('sha256').update(source).digest('hex'),
  contracts,
}
writeFileSync(outPath, JSON.stringify(artifact) + '\n')
console.log(`wrote ${outPath}: ${Object.keys(contracts).join(', ')}`)
