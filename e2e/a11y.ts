import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** The impacts issue 10 forbids on any page: a serious or critical axe-core violation fails the test. */
const BLOCKING = new Set(['serious', 'critical'])

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and fails with a readable list of the
 * serious or critical violations, each with the first offending elements, so the failure says what to fix.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''))
  const report = blocking.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes
        .slice(0, 3)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  )
  expect(report, `axe-core on ${where}`).toEqual([])
}
