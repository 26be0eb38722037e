// Mutation testing of the core's money and trust paths (docs/MUTATION.md). Run with `npm run test:mutation`;
// it is not part of `npm test` (it takes tens of minutes on 2 cores). Narrow a run with
// `npx stryker run --mutate src/main/core/disbursements/plan.ts`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.mts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 10_000,
  // 2 shared cores: the first (coverage) run of the unit tests can take minutes.
  dryRunTimeoutMinutes: 30,
  // The money and trust paths measured so far (docs/MUTATION.md); add a file here to measure it too.
  mutate: [
    'src/main/core/disbursements/plan.ts',
    'src/main/core/disbursements/drafting.ts',
    'src/main/core/budgets/usage.ts',
    'src/main/core/signing/verify.ts',
    'src/main/core/audit/chain.ts',
    'src/main/core/governance/state.ts',
    'src/main/core/keys/scrypt.ts',
  ],
  ignoreStatic: true,
  reporters: ['clear-text', 'progress-append-only', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
}
