import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { checkCouncilEvents, type CouncilEventCheck } from './audit-check'

const WHOLE_FILE_LIMIT = 256 * 1024 * 1024

/**
 * The council events of an audit bundle file, checked (see audit-check.ts). The app's one-event-per-line layout is
 * streamed and only lines naming a council act are parsed; a bundle re-indented by another tool is read whole.
 */
export async function checkCouncilActsInBundle(file: string): Promise<CouncilEventCheck[]> {
  const events: Array<{ seq: number; action: string; payload: unknown }> = []
  let streamed = true
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })
  let first = true
  for await (const line of lines) {
    if (first) {
      first = false
      if (!line.endsWith('"events":[')) {
        streamed = false
        break
      }
      continue
    }
    if (!line.includes('"action":"council.act.')) continue
    try {
      events.push(JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as (typeof events)[number])
    } catch {
      streamed = false
      break
    }
  }
  lines.close()
  if (streamed) return checkCouncilEvents(events)
  if ((await stat(file)).size > WHOLE_FILE_LIMIT) return []
  const whole = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as { events?: typeof events }
  return checkCouncilEvents(Array.isArray(whole.events) ? whole.events : [])
}
