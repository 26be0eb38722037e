import { defineConfig } from 'vitest/config'

/**
 * The unit tests Stryker runs against each mutant (`npm run test:mutation`): the core's own unit tests and
 * test/unit, no chain, no browser. Kept apart from vitest.config.mts so `npm test` never runs mutants.
 */
export default defineConfig({
  test: {
    include: ['src/main/core/**/*.test.ts', 'src/main/api/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
})
