// Compiles bench/contracts/HolderSpreader.sol (e2e/vote-import.spec.ts's helper for the sandbox token) with the bundled solc-js into
// bench/contracts/HolderSpreader.json, so the bench needs no compiler; run again after editing the .sol.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const solc = require('solc')
const fs = require('fs')
const src = fs.readFileSync('bench/contracts/HolderSpreader.sol', 'utf8')
const input = {
  language: 'Solidity',
  sources: { 'HolderSpreader.sol': { content: src } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
}
const out = JSON.parse(solc.compile(JSON.stringify(input)))
if (out.errors?.some((e) => e.severity === 'error')) {
  console.error(out.errors)
  process.exit(1)
}
const c = out.contracts['HolderSpreader.sol'].HolderSpreader
const sha = require('crypto').createHash('sha256').update(src).digest('hex')
fs.writeFileSync(
  'bench/contracts/HolderSpreader.json',
  JSON.stringify({
    solcVersion: solc.version(),
    sourceSha256: sha,
    abi: c.abi,
    bytecode: '0x' + c.evm.bytecode.object,
  }) + '\n',
)
console.log('ok', solc.version())
