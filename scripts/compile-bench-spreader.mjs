// Compiles the holder generator's contracts (bench/contracts/BenchVotesToken.sol, an ERC20Votes token with batch
// transfers and relayed delegations, and HolderSpreader.sol, the helper that moves any token's balances) with the
// bundled solc-js into their .json artifacts, so the bench needs no compiler; run again after editing a .sol.
// test/integration/bench-contracts.test.ts checks each artifact's sourceSha256 against its source.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findImports, ozVersion, readSource, requireSolc, root, solc } from './solc-openzeppelin.mjs'

const EXPECTED_SOLC = '0.8.24'
const version = requireSolc(EXPECTED_SOLC)

for (const name of ['BenchVotesToken', 'HolderSpreader']) {
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
      ...(source.includes('@openzeppelin/') ? { openzeppelinVersion: ozVersion } : {}),
      sourceSha256: createHash('sha256').update(source).digest('hex'),
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
    }) + '\n',
  )
  console.log('ok', name, version)
}
