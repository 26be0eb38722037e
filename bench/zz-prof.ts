import { openDatabase } from '../src/main/core/db/open'
import { createHolderIndex, writeRange } from '../src/main/core/governance/holder-index/store'
import { rowsOfBlocks, stateAt, syntheticHistory } from '../test/independent/holder-history'
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }
let c = cpu(), t = performance.now()
const history = syntheticHistory({ holders: 10000, transfers: 50000, perBlock: 300, delegating: 0.8, delegates: 1_000 })
console.log('gen', cpu() - c, performance.now() - t); c = cpu(); t = performance.now()
const db = openDatabase('/tmp/zz-prof.sqlite')
const index = createHolderIndex(db, 1, 'T', 1)
const state = stateAt(history, 0)
let rowsT = 0, writeT = 0
for (let from = 1; from <= history.lastBlock; from += 50) {
  const end = Math.min(history.lastBlock, from + 49)
  let t0 = cpu()
  const range = rowsOfBlocks(history, state, from, end)
  rowsT += cpu() - t0; t0 = cpu()
  db.transaction(() => writeRange(db, index.id, { end, logs: 0, ...range, hashes: [], pruneBelow: end - 63 }))()
  writeT += cpu() - t0
}
console.log('rows', rowsT, 'write', writeT, 'wall', performance.now() - t)
