#!/usr/bin/env node
// Compiles resources/contracts/AITBCToken.sol offline with the bundled solc-js and writes
// resources/contracts/AITBCToken.json. The JSON is committed so the app never needs solc at
// run time; test/sandbox checks its sourceSha256 against the .sol so a stale artifact fails CI.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findImports, ozVersion, readSource, requireSolc, root, solc } from './solc-openzeppelin.mjs'

const sourcePath = join(root, 'resources/contracts/AITBCToken.sol')
const outPath = join(root, 'resources/contracts/AITBCToken.json')
const SOURCE_NAME = 'AITBCToken.sol'
const CONTRACT = 'AITBCToken'
const EXPECTED_SOLC = '0.8.24'

const version = requireSolc(EXPECTED_SOLC)

const source = readSource(sourcePath)
const input = {
  language: 'Solidity',
  sources: { [SOURCE_NAME]: { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // paris (no PUSH0) keeps the bytecode deployable on every EVM chain, not just the sandbox.
    evmVersion: 'paris',
    outputSelection: { [SOURCE_NAME]: { [CONTRACT]: ['abi', 'evm.bytecode.object'] } },
  },
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of output.errors ?? []) console.error(e.formattedMessage)
if (errors.length > 0) process.exit(1)

const contract = output.contracts[SOURCE_NAME][CONTRACT]
const artifact = {
  contractName: CONTRACT,
  abi: contract.abi,
  bytecode: `0x${contract.evm.bytecode.object}`,
  solcVersion: version,
  openzeppelinVersion: ozVersion,
  sourceSha256: createHash('sha256').update(source).digest('hex'),
}
writeFileSync(outPath, `${JSON.stringify(artifact, null, 2)}\n`)
console.log(`wrote ${outPath} (${(artifact.bytecode.length - 2) / 2} bytes of creation code, solc ${version})`)
