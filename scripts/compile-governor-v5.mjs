#!/usr/bin/env node
// Compiles test/fixtures/governor-v5/GovernorV5.sol offline with the bundled solc-js against OpenZeppelin Contracts
// 5.0.2 (installed as @openzeppelin/contracts-v5) and writes test/fixtures/governor-v5/GovernorV5.json (abi, bytecode
// per contract, the source's SHA-256). Committed, so tests need no compiler; run again after editing the .sol.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openzeppelinFrom, readSource, requireSolc, root, solc } from './solc-openzeppelin.mjs'

const sourcePath = join(root, 'test/fixtures/governor-v5/GovernorV5.sol')
const outPath = join(root, 'test/fixtures/governor-v5/GovernorV5.json')
const CONTRACTS = ['VotesTokenV5', 'TimelockV5', 'GovernorV5', 'OwnedVoter']

const solcVersion = requireSolc('0.8.24')
const oz = openzeppelinFrom('@openzeppelin/contracts-v5')
if (!oz.version.startsWith('5.')) throw new Error(`OpenZeppelin ${oz.version} found under the v5 alias`)

const source = readSource(sourcePath)
const input = {
  language: 'Solidity',
  sources: { 'GovernorV5.sol': { content: source } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    outputSelection: {
      'GovernorV5.sol': Object.fromEntries(CONTRACTS.map((c) => [c, ['abi', 'evm.bytecode.object']])),
    },
  },
}
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: oz.findImports }))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of errors) console.error(e.formattedMessage)
if (errors.length > 0) process.exit(1)

const contracts = Object.fromEntries(
  CONTRACTS.map((c) => {
    const compiled = output.contracts['GovernorV5.sol'][c]
    return [c, { abi: compiled.abi, bytecode: `0x${compiled.evm.bytecode.object}` }]
  }),
)
const sourceSha256 = createHash('sha256').update(source).digest('hex')
writeFileSync(outPath, `${JSON.stringify({ solcVersion, openzeppelinVersion: oz.version, sourceSha256, contracts })}\n`)
for (const c of CONTRACTS) console.log(`${c}: ${(contracts[c].bytecode.length - 2) / 2} bytes of creation code`)
console.log(`wrote ${outPath} (solc ${solcVersion}, OpenZeppelin ${oz.version})`)
