import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
// Electronegativity's CLI breaks on the newer commander hoisted beside it; its programmatic runner works.
import runElectronegativity from '@doyensec/electronegativity'

interface Finding {
  id: string
  file: string
  severity: { name: string }
  confidence: { name: string }
  location?: { line: number }
  description: string
}

const root = join(__dirname, '..', '..')
const accepted = JSON.parse(readFileSync(join(__dirname, 'electronegativity-accepted.json'), 'utf8')) as Array<{
  id: string
  file: string
  reason: string
}>

async function scan(input: string): Promise<Finding[]> {
  const result = (await runElectronegativity({ input, electronVersionOverride: '40.8.5', isRelative: true })) as {
    issues: Finding[]
  }
  return result.issues
}

describe('Electronegativity static scan', () => {
  for (const target of ['src', 'out']) {
    it(`finds no high or medium issue in ${target}/ that docs/SECURITY.md does not explain`, async () => {
      const input = join(root, target)
      if (!existsSync(input)) throw new Error(`${target}/ is missing: run npm run build first`)
      const findings = await scan(input)
      const serious = findings.filter((f) => ['HIGH', 'MEDIUM'].includes(f.severity.name))
      const unexplained = serious.filter((f) => !accepted.some((a) => a.id === f.id && f.file.endsWith(a.file)))
      const report = serious.map((f) => `${f.severity.name} ${f.id} ${f.file}:${f.location?.line}`)
      console.log(
        JSON.stringify({
          name: `electronegativity.${target}`,
          findings: findings.length,
          highOrMedium: serious.length,
          unexplained: unexplained.length,
          report,
        }),
      )
      expect(unexplained.map((f) => `${f.id} ${f.file}:${f.location?.line} ${f.description}`)).toEqual([])
    }, 120_000)
  }

  it('every accepted finding is explained in docs/SECURITY.md', () => {
    const doc = readFileSync(join(root, 'docs', 'SECURITY.md'), 'utf8')
    for (const a of accepted) expect(doc, `${a.id} is not explained`).toContain(a.id)
  })
})
