#!/usr/bin/env node
// Compiles resources/contracts/AITBCToken.sol offline with the bundled solc-js and writes
// resources/contracts/AITBCToken.json. The JSON is committed so the app never needs solc at
// run time; test/sandbox checks its sourceSha256 against the .sol so a stale artifact fails CI.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const solc = require('solc')

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = join(root, 'resources/contracts/AITBCToken.sol')
const outPath = join(root, 'resources/contracts/AITBCToken.json')
const SOURCE_NAME = 'AITBCToken.sol'
const CONTRACT = 'AITBCToken'
const EXPECTED_SOLC = '0.8.24'

// Hash and compile the LF-normalised text so a CRLF checkout does not look stale.
const readSource = (p) => readFileSync(p, 'utf8').replace(/\r\n/g, '\n')

const ozRoot = dirname(require.resolve('@openzeppelin/contracts/package.json'))
const ozVersion = JSON.parse(readFileSync(join(ozRoot, 'package.json'), 'utf8')).version

function findImports(importPath) {
  const prefix = '@openzeppelin/contracts/'
  if (!importPath.startsWith(prefix)) return { error: `import outside OpenZeppelin: ${importPath}` }
  try {
    return { contents: readSource(join(ozRoot, importPath.slice(prefix.length))) }
  } catch (e) {
    return { error: String(e) }
  }
}

const version = solc.version()
if (!version.startsWith(EXPECTED_SOLC)) {
  throw new Error(`solc ${version} found, ${EXPECTED_SOLC} expected (see package.json)`)
}

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
