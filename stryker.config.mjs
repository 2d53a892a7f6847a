// Mutation testing of the decision code: the pure functions that decide what a turn does. A
// mutant that survives is a change to a decision no test notices. Run with `npm run mutation`;
// it is kept out of `npm test` because it reruns these tests once per mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.vitest.config.mts', related: false },
  mutate: [
    'src/main/core/speech/sentence-splitter.ts',
    'src/main/core/audio/key-up-plan.ts',
    'src/main/core/prompt/prompt-budget.ts',
    'src/main/core/prompt/token-estimate.ts',
    'src/main/core/store/response-cache-rules.ts',
    'src/main/core/store/eviction-plan.ts',
    'src/shared/settings.ts',
    // The talk state machine joins this list once it lands.
  ],
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (the settings schemas) would rerun every test each; the schemas'
  // bounds are checked through the functions that use them instead.
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['out', 'dist', 'coverage', 'test-results', 'reports', '.tmp', 'test/e2e', 'bench'],
  cleanTempDir: true,
};
