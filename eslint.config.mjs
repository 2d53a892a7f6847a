// Lint: typescript-eslint's recommended rules, a size limit, and the layer rules as an allow-list.
// Each layer names the packages and folders it may import; anything else is an error, so a new
// kind of import (a dynamic import, a subpath, a native module in the page) fails by default
// instead of slipping past a list of bans.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import allowedImports from './lint/allowed-imports-rule.mjs';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const INSTALLED = ['node:*', ...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)];

/**
 * The layers, innermost first. `folders` are repo-relative; a layer always names its own folder.
 * Order matters only in that a later entry wins for files matched by two (none are today).
 */
export const LAYERS = [
  {
    layer: 'src/shared',
    files: ['src/shared/**'],
    why: 'Shared code runs in main, the page and the CLI alike, so it loads nothing platform-specific.',
    packages: ['zod'],
    folders: ['src/shared'],
  },
  {
    layer: 'src/main/core',
    files: ['src/main/core/**'],
    why: 'The core is plain Node, shared by the Electron app, the browser host and the CLI; it never reaches into a host.',
    packages: ['node:*', 'better-sqlite3', 'zod', 'onnxruntime-node', 'sherpa-onnx-node', 'ollama', 'lru-cache', 'unbzip2-stream', 'tar', 'unpdf', 'mammoth', 'htmlparser2', 'chokidar', 'mdast-util-from-markdown', 'mdast'],
    folders: ['src/main/core', 'src/shared'],
  },
  {
    layer: 'src/main/electron',
    files: ['src/main/electron/**'],
    why: 'The Electron host wires the core to windows, IPC and the global hotkey.',
    packages: ['node:*', 'electron', 'uiohook-napi'],
    folders: ['src/main/electron', 'src/main/core', 'src/shared'],
  },
  {
    layer: 'src/main/web',
    files: ['src/main/web/**'],
    why: 'The browser host serves the page over HTTP and a WebSocket; it has no Electron.',
    packages: ['node:*', 'ws'],
    folders: ['src/main/web', 'src/main/core', 'src/shared'],
  },
  {
    layer: 'src/main/cli',
    files: ['src/main/cli.ts', 'src/main/cli/**'],
    why: 'The CLI drives the core from a terminal; it has no Electron and no page.',
    packages: ['node:*', 'cli-progress'],
    folders: ['src/main/cli', 'src/main/core', 'src/shared'],
  },
  {
    layer: 'src/preload',
    files: ['src/preload/**'],
    why: 'The sandboxed preload only exposes the typed bridge; it has no Node modules.',
    packages: ['electron'],
    folders: ['src/preload', 'src/shared'],
  },
  {
    layer: 'src/renderer',
    files: ['src/renderer/**'],
    why: 'The page reaches main only through the bridge: no Electron, no Node, no native modules.',
    packages: ['react', 'react-dom', 'zustand', '@ricky0123/vad-web', 'react-markdown'],
    folders: ['src/renderer', 'src/shared'],
  },
  {
    layer: 'scripts',
    files: ['scripts/**'],
    why: 'Scripts are small Node tools for the build and the tests.',
    // esbuild bundles the CLI; tsx runs it from source when no bundle can be built.
    packages: ['node:*', 'esbuild', 'tsx'],
    folders: ['scripts'],
  },
  {
    layer: 'bench',
    files: ['bench/**'],
    why: 'The benchmark drives the core with the tests\u2019 stand-ins.',
    packages: ['node:*', 'hdr-histogram-js'],
    folders: ['bench', 'src/main/core', 'src/shared', 'test/support'],
  },
  {
    layer: 'test',
    files: ['test/**'],
    why: 'Tests may load any installed package and any code in the repo.',
    // electron-builder's own config schema and validator, to check the installer configuration.
    packages: [...INSTALLED, 'builder-util', 'app-builder-lib'],
    folders: ['src', 'test', 'bench', 'scripts', 'lint', 'package.json'],
  },
  {
    layer: 'tool configuration',
    files: ['*.config.*', 'lint/**', '.dependency-cruiser.cjs', 'stryker.config.*'],
    why: 'Build and test configuration loads installed tools.',
    packages: INSTALLED,
    folders: ['.'],
  },
];

/** Files that may pass the size limit, each with the reason a reviewer accepted. */
const LONG_FILES = [
  // Test suites: one scenario table each, where splitting would scatter shared set-up.
  'test/integration/models/model-install-failures.test.ts',
  'test/integration/assistant-pipeline.test.ts',
  'test/unit/renderer/talk-controller.test.ts',
  'test/unit/electron/main-composition.test.ts',
  // The interface's catalogs: one flat table of sentences per language, kept side by side.
  'src/renderer/src/i18n/messages-en.ts',
  'src/renderer/src/i18n/messages-pt-BR.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'coverage/**', 'test-results/**', '.tmp/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { earshot: { rules: { 'allowed-imports': allowedImports } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: LONG_FILES, rules: { 'max-lines': 'off' } },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...LAYERS.map(({ layer, files, why, packages, folders }) => ({
    files,
    rules: { 'earshot/allowed-imports': ['error', { layer, why, packages, folders }] },
  })),
);
