// The tests mutation testing runs: the unit tests of the decision files in stryker.config.mjs.
// Kept to these so each mutant costs seconds, not the whole suite.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'test/unit/speech/sentence-splitter.test.ts',
      'test/unit/speech/sentence-splitter-edges.test.ts',
      'test/unit/audio/key-up-plan.test.ts',
      'test/unit/prompt/prompt-budget.test.ts',
      'test/unit/prompt/token-estimate.test.ts',
      'test/unit/store/response-cache-rules.test.ts',
      'test/unit/store/conversation-reference.test.ts',
      'test/unit/store/response-cache-rules-edges.test.ts',
      'test/unit/store/eviction-plan.test.ts',
      'test/unit/settings.test.ts',
      'test/unit/settings/settings-store.test.ts',
      'test/unit/settings/presets-and-keep-alive.test.ts',
    ],
  },
});
