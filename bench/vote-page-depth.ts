// `npx tsx bench/vote-page-depth.ts [N…]` (default 10,000 80,000 200,000): the last page of 500 of a synthetic
// proposal with N stored votes (a tenth superseded, weights of 1 to 30 digits, a fifth tied), read by offset and after
// the place of the vote before it (keyset), three times each, alternated, on a file database reopened after the
// writes. Core only (store.ts), no chain: one JSON line a size, with the load average.
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/main/core/db/open'
import { insertVotes, placeText, votePage, votePageAfter } from '../src/main/core/governance/store'
import { storedVote, workspaceWithProposal } from '../src/main/core/governance/vote-test-fixture'
import { weightOf } from './governance-page.bench'

const PAGE = 500
const sizes = process.argv.slice(2).map(Number)

for (const n of sizes.length ? sizes : [10_000, 80_000, 200_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-vote-depth-'))
  const file = join(dir, 'workspace.sqlite')
  try {
    const { db, id } = workspaceWithProposal(openDatabase(file))
    const voters = Math.ceil(n * 0.9)
    const voter = (i: number) => '0x' + (i * 2_654_435_761).toString(16).padStart(40, '0').slice(-40)
    const votes = Array.from({ length: n }, (_, i) =>
      i < voters
        ? storedVote(id, voter(i), (i % 3) as 0 | 1 | 2, 2_000, weightOf(i))
        : storedVote(id, voter(i - voters), 1, 3_000, weightOf(i)),
    )
    let t = performance.now()
    insertVotes(db, votes)
    const insertMs = Math.round(performance.now() - t)
    db.close()
    const reopened = openDatabase(file)
    const offset = n - PAGE
    const after = votePage(reopened, id, offset - 1, 1)[0]
    const byOffset: number[] = []
    const byPlace: number[] = []
    for (let run = 0; run < 3; run++) {
      t = performance.now()
      const a = votePage(reopened, id, offset, PAGE)
      byOffset.push(Math.round((performance.now() - t) * 10) / 10)
      t = performance.now()
      const b = votePageAfter(reopened, id, after, PAGE)
      byPlace.push(Math.round((performance.now() - t) * 10) / 10)
      if (a.length !== PAGE || placeText(a[0]) !== placeText(b[0]) || placeText(a[PAGE - 1]) !== placeText(b[PAGE - 1]))
        throw new Error('the page by place differs from the page by offset')
    }
    reopened.close()
    const load = Math.round(loadavg()[0] * 100) / 100
    console.log(JSON.stringify({ votes: n, lastPage: PAGE, byOffsetMs: byOffset, byPlaceMs: byPlace, insertMs, load }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
