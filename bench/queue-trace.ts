import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { DEFAULT_LARGE_DIR, ensureLargeWorkspace } from './large-workspace'
import { ensureBuilt, launchChromium, startServe } from './host'
import { openQueue, QUEUE_SCROLLER, scrollScript, type ScrollOutcome } from './queue.bench'

/**
 * Where the queue scroll's frames go: the first FRAMES of the `queue` bench's scroll under Chromium's tracing, then the renderer
 * main thread's time split by what Chromium did (script, style, layout, paint, GC…) and the raster threads' time.
 * Not a bench (tracing slows every frame): a profile to tell the queue's own work from Chromium's.
 *
 *   npx tsx bench/queue-trace.ts [--data-dir DIR] [--out trace.json] [--cpu (a CPU profile instead)]
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined)
  const dataDir = resolve(at('--data-dir') ?? DEFAULT_LARGE_DIR)
  ensureLargeWorkspace({ dataDir, log: (l) => process.stderr.write(`  ${l}\n`) })
  ensureBuilt()
  const host = await startServe(dataDir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const total = await openQueue(page, host)
    if (args.includes('--cpu')) {
      // Which functions the script time is: a CPU profile of the same scroll, self time by function.
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
      await page.evaluate(scrollScript(QUEUE_SCROLLER, total, FRAMES))
      const { profile } = await cdp.send('Profiler.stop')
      if (at('--out')) writeFileSync(at('--out')!, JSON.stringify(profile))
      process.stdout.write(JSON.stringify(selfTimes(profile as CpuProfile), null, 2) + '\n')
      return
    }
    await browser.startTracing(page, { categories: CATEGORIES })
    const outcome = (await page.evaluate(scrollScript(QUEUE_SCROLLER, total, FRAMES))) as ScrollOutcome
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }
    const out = at('--out')
    if (out) writeFileSync(out, JSON.stringify(trace))
    process.stdout.write(JSON.stringify(summarise(trace.traceEvents, outcome), null, 2) + '\n')
  } finally {
    await browser.close()
    await host.stop()
  }
}

/** The first frames of the scroll only (about 3,000 rows at 400 px a frame): a whole scroll's trace is too big here. */
const FRAMES = 300
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing']

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  args?: { name?: string }
}

/** What each main-thread task spent its time on, by the outermost event of each kind (nested ones not counted twice). */
const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  'v8.run': 'script',
  V8Execute: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint (prepaint)',
  Paint: 'paint (record)',
  Layerize: 'paint (layerize)',
  Commit: 'commit',
  HitTest: 'hit test',
}

function summarise(events: TraceEvent[], outcome: ScrollOutcome) {
  const threadNames = new Map<string, string>()
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined)
  // The page's main thread: the renderer main thread with the most RunTask time.
  const busy = new Map<string, number>()
  for (const e of complete) {
    const key = `${e.pid}:${e.tid}`
    if (e.name === 'RunTask' && threadNames.get(key) === 'CrRendererMain') busy.set(key, (busy.get(key) ?? 0) + e.dur!)
  }
  const main = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  const onMain = complete.filter((e) => `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts)
  const tasks = onMain.filter((e) => e.name === 'RunTask')
  const byKind: Record<string, number> = {}
  const openEnds: Record<string, number> = {}
  for (const e of onMain) {
    const kind = KINDS[e.name]
    if (!kind) continue
    if ((openEnds[kind] ?? 0) > e.ts) continue // nested in one of its own kind
    openEnds[kind] = e.ts + e.dur!
    byKind[kind] = (byKind[kind] ?? 0) + e.dur!
  }
  const raster = new Map<string, number>()
  for (const e of complete) {
    const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? ''
    if (e.name === 'RasterTask' || e.name === 'TileManager::RunTask')
      raster.set(thread, (raster.get(thread) ?? 0) + e.dur!)
  }
  const ms = (us: number) => Math.round(us / 100) / 10
  const taskDurations = tasks.map((t) => t.dur!).sort((a, b) => b - a)
  return {
    scrollMs: Math.round(outcome.ms),
    frames: outcome.deltas.length,
    framesOver25ms: outcome.deltas.slice(1).filter((d) => d > 25).length,
    reachedLastRow: outcome.reachedEnd,
    mainThread: {
      busyMs: ms(taskDurations.reduce((a, b) => a + b, 0)),
      tasks: tasks.length,
      tasksOver16ms: taskDurations.filter((d) => d > 16_700).length,
      longestTasksMs: taskDurations.slice(0, 8).map(ms),
      byKindMs: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, ms(v)])),
    },
    rasterMsByThread: Object.fromEntries([...raster.entries()].map(([k, v]) => [k, ms(v)])),
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]
  samples: number[]
  timeDeltas: number[]
}

/** The 25 functions with the most self time in a CPU profile (ms), named with their file position (minified code). */
function selfTimes(profile: CpuProfile) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, us]) => `${(us / 1000).toFixed(1)} ms  ${k}`)
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
