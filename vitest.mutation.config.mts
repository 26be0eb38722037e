import { defineConfig } from 'vitest/config'

/**
 * The unit tests Stryker runs against each mutant (`npm run test:mutation`): the unit tests of the mutated
 * folders and the known answers, no chain, no browser. Kept apart from vitest.config.mts so `npm test` never runs mutants.
 */
export default defineConfig({
  test: {
    include: [
      'src/main/core/{disbursements,budgets,signing,audit,governance,keys}/**/*.test.ts',
      'src/main/api/signing.test.ts',
      'test/unit/known-answers.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
})
