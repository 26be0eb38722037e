// Hardhat 2 config for the AITBC Treasury sandbox chain (`hardhat node --config <this file>`).
// Only the in-memory network is used: nothing is compiled and no state is kept on disk.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

// The node watches <artifacts>/build-info for new compiler output. Were that folder missing, its watcher would watch
// the nearest folder that exists instead, the system temp folder, and re-read it on every change there: an idle node
// then burns a quarter of a core on a machine whose temp folder is busy (measured: 2.3 s of CPU in 10 s with 7,600
// entries in /tmp; 0 with the folder made). So it is made here, empty.
const scratch = path.join(os.tmpdir(), 'aitbc-sandbox-hardhat')
fs.mkdirSync(path.join(scratch, 'artifacts', 'build-info'), { recursive: true })

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
    cache: path.join(scratch, 'cache'),
    artifacts: path.join(scratch, 'artifacts'),
  },
}
