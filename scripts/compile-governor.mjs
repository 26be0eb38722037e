#!/usr/bin/env node
// Compiles the on-chain governance set offline with the bundled solc-js (the same settings as
// compile-token.mjs): resources/contracts/{TreasuryGovernor,TreasuryTimelock,GovernorSafeModule}.sol
// into resources/contracts/GovernorSet.json. The JSON is committed so the app never needs solc at run
// time; test/integration/governor checks its sourceSha256 against the .sol files so a stale artifact fails.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findImports, ozVersion, readSource, requireSolc, root, solc } from './solc-openzeppelin.mjs'

const dir = join(root, 'resources/contracts')
const outPath = join(dir, 'GovernorSet.json')
const CONTRACTS = ['TreasuryGovernor', 'TreasuryTimelock', 'GovernorSafeModule']
const EXPECTED_SOLC = '0.8.24'

const version = requireSolc(EXPECTED_SOLC)

const sources = Object.fromEntries(CONTRACTS.map((c) => [`${c}.sol`, { content: readSource(join(dir, `${c}.sol`)) }]))
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    // paris (no PUSH0) keeps the bytecode deployable on every EVM chain, not just the sandbox.
    evmVersion: 'paris',
    outputSelection: Object.fromEntries(CONTRACTS.map((c) => [`${c}.sol`, { [c]: ['abi', 'evm.bytecode.object'] }])),
  },
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
for (const e of output.errors ?? []) console.error(e.formattedMessage)
if (errors.length > 0) process.exit(1)

const artifacts = Object.fromEntries(
  CONTRACTS.map((c) => {
    const compiled = output.contracts[`${c}.sol`][c]
    return [
      c,
      {
        contractName: c,
        abi: compiled.abi,
        bytecode: `0x${compiled.evm.bytecode.object}`,
        sourceSha256: createHash('sha256').update(sources[`${c}.sol`].content).digest('hex'),
      },
    ]
  }),
)
writeFileSync(
  outPath,
  `${JSON.stringify({ solcVersion: version, openzeppelinVersion: ozVersion, contracts: artifacts }, null, 2)}\n`,
)
for (const c of CONTRACTS) {
  console.log(`${c}: ${(artifacts[c].bytecode.length - 2) / 2} bytes of creation code`)
}
console.log(`wrote ${outPath} (solc ${version})`)
