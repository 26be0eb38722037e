// `npm test`: every check of the README, in two lanes at once so both cores work, then the e2e alone.
//
// The "checks" lane (typecheck, lint, unit) only computes; the "chain" lane (build, integration, security, faults)
// spends much of its time waiting on its Hardhat nodes. Run one after the other, each left a core idle (Vitest runs
// the unit files in one worker on 2 cores). The e2e starts once both lanes are done: Chromium, the browser host and
// its chain need the machine to themselves to keep within their timeouts. The build is made once, for the security
// suite and the e2e both. Every step runs even after a failure elsewhere (one run reports every failure); the exit
// code is 1 if any step failed. Each line of output carries its step's name; a summary of step times ends the run.
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { createInterface } from 'node:readline'

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'

/** A step: its name and the command, the same as the package.json script of that name (minus any build). */
const step = (name, ...command) => ({ name, command })

const lanes = [
  [
    step('typecheck', npx, 'tsc', '--noEmit', '-p', 'tsconfig.node.json'),
    step('typecheck:web', npx, 'tsc', '--noEmit', '-p', 'tsconfig.web.json'),
    step('eslint', npx, 'eslint', '.'),
    step('prettier', npx, 'prettier', '--check', '.'),
    step('unit', npx, 'vitest', 'run', '--project', 'unit'),
  ],
  [
    step('build', npx, 'electron-vite', 'build'),
    step('integration', npx, 'vitest', 'run', '--project', 'integration'),
    step('security', npx, 'vitest', 'run', '--project', 'security'),
    step('faults', npx, 'vitest', 'run', '--project', 'faults'),
  ],
]
const last = [step('e2e', npx, 'playwright', 'test')]

const results = []
const running = new Set()

function run({ name, command }) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`))
    child.on('close', (code, signal) => {
      running.delete(child)
      const ok = code === 0 && !signal
      results.push({ name, ok, seconds: (Date.now() - started) / 1000 })
      process.stdout.write(`[${name}] ${ok ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`}\n`)
      resolve(ok)
    })
  })
}

async function lane(steps) {
  for (const s of steps) await run(s)
}

for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const child of running) child.kill(sig)
    process.exit(1)
  })

const started = Date.now()
const loadBefore = loadavg()
await Promise.all(lanes.map(lane))
await lane(last)

const failed = results.filter((r) => !r.ok)
const load = (l) => l.map((x) => x.toFixed(2)).join(' ')
console.log(`\nnpm test: step times (s); load average ${load(loadBefore)} before, ${load(loadavg())} after`)
for (const r of results)
  console.log(`  ${r.name.padEnd(14)} ${r.seconds.toFixed(1).padStart(7)}  ${r.ok ? 'ok' : 'FAILED'}`)
console.log(`  ${'total'.padEnd(14)} ${((Date.now() - started) / 1000).toFixed(1).padStart(7)}`)
if (failed.length) {
  console.log(`npm test: FAILED: ${failed.map((r) => r.name).join(', ')}`)
  process.exit(1)
}
