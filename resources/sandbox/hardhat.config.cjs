// Hardhat 2 config for the AITBC Treasury sandbox chain (`hardhat node --config <this file>`).
// Only the in-memory network is used: nothing is compiled and no state is kept on disk.
const os = require('node:os')
const path = require('node:path')

module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      // The public Hardhat test mnemonic: its keys are known to everyone, so the sandbox is never a real wallet.
      accounts: { mnemonic: 'test test test test test test test test test test test junk', count: 10 },
      mining: { auto: true, interval: 0 },
      // Per-request logging roughly doubles deployment time; the app logs what it needs itself.
      loggingEnabled: false,
    },
  },
  // The node watches <artifacts>/build-info; keep that (and any cache) out of the app's resources,
  // which are read-only once packaged.
  paths: {
    cache: path.join(os.tmpdir(), 'aitbc-sandbox-hardhat', 'cache'),
    artifacts: path.join(os.tmpdir(), 'aitbc-sandbox-hardhat', 'artifacts'),
  },
}
