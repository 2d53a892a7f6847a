// Lint: typescript-eslint's recommended rules plus DESIGN.md §2's layer rules, as errors.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'crypto'];
const electronBan = {
  name: 'electron',
  message: 'Only src/main/electron and src/preload may import electron (DESIGN.md §2).',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [electronBan] }],
    },
  },
  {
    files: ['src/main/electron/**', 'src/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/electron/**', '**/web/**', '**/renderer/**', '**/preload/**'], message: 'core is plain Node: it never reaches into the hosts (DESIGN.md §2).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports nothing from main, renderer or preload (DESIGN.md §2).' },
            { group: NODE_BUILTINS, message: 'src/shared has no Node imports (DESIGN.md §2).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches main only through the bridge (DESIGN.md §2).' },
            { group: NODE_BUILTINS, message: 'The renderer has no Node access.' },
          ],
        },
      ],
    },
  },
);
