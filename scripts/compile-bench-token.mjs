// Compiles the holder generator's token (bench/contracts/BenchVotesToken.sol: ERC20Votes with batch transfers and
// relayed delegations) with the bundled solc-js into its .json artifact, so the bench needs no compiler; run again
// after editing the .sol. test/unit/bench-contracts.test.ts checks the artifact's sourceSha256 against the source.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findImports, ozVersion, readSource, requireSolc, root, solc } from './solc-openzeppelin.mjs'

const EXPECTED_SOLC = '0.8.24'
const version = requireSolc(EXPECTED_SOLC)

for (const name of ['BenchVotesToken']) {
  const sourceName = `${name}.sol`
  const source = readSource(join(root, 'bench/contracts', sourceName))
  const input = {
    language: 'Solidity',
    sources: { [sourceName]: { content: source } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { [sourceName]: { [name]: ['abi', 'evm.bytecode.object'] } },
    },
  }
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
  for (const e of out.errors ?? []) if (e.severity === 'error') console.error(e.formattedMessage)
  if (out.errors?.some((e) => e.severity === 'error')) process.exit(1)
  const c = out.contracts[sourceName][name]
  writeFileSync(
    join(root, 'bench/contracts', `${name}.json`),
    JSON.stringify({
      contractName: name,
      solcVersion: version,
      openzeppelinVersion: ozVersion,
      sourceSha256: createHash('sha256').update(source).digest('hex'),
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
    }) + '\n',
  )
  console.log('ok', name, version)
}
