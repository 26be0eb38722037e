// Hardhat 2 config for the foreign-chain test fixture (test/foreign/chains.ts): a plain node, NOT the app's sandbox.
// Its chain id comes from FOREIGN_CHAIN_ID; its accounts are derived from a fixture seed (not Hardhat's mnemonic),
// so nothing the app knows about its own sandbox applies here.
const { createHash } = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const chainId = Number(process.env.FOREIGN_CHAIN_ID)
if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error('FOREIGN_CHAIN_ID must be set to a chain id')

// Same derivation as foreignAccountKey() in chains.ts.
const key = (i) => '0x' + createHash('sha256').update(`aitbc-foreign-fixture-account-${i}`).digest('hex')

// The node watches <artifacts>/build-info; made here so its watcher does not fall back to watching the whole temp
// folder (see resources/sandbox/hardhat.config.cjs).
const scratch = path.join(os.tmpdir(), 'aitbc-foreign-hardhat')
fs.mkdirSync(path.join(scratch, 'artifacts', 'build-info'), { recursive: true })

module.exports = {
  networks: {
    hardhat: {
      chainId,
      accounts: Array.from({ length: 12 }, (_, i) => ({ privateKey: key(i), balance: '10000000000000000000000' })),
      mining: { auto: true, interval: 0 },
      loggingEnabled: false,
    },
  },
  paths: {
    cache: path.join(scratch, 'cache'),
    artifacts: path.join(scratch, 'artifacts'),
  },
}
