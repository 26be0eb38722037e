import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** The impacts issue 10 forbids on any page: a serious or critical axe-core violation fails the test. */
const BLOCKING = new Set(['serious', 'critical'])

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, or only `rules` when given) on the page as it is now and returns the
 * serious or critical violations as readable lines, each with the first offending elements.
 */
export async function blockingViolations(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page })
  const results = await (
    rules ? builder.withRules(rules) : builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  ).analyze()
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 3)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
          .join('\n'),
    )
}

/** Fails with the list of serious or critical violations, so the failure says what to fix. */
export async function expectAccessible(page: Page, where: string, rules?: string[]): Promise<void> {
  expect(await blockingViolations(page, rules), `axe-core on ${where}`).toEqual([])
}
