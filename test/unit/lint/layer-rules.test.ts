// The layer rules only hold if lint refuses each way of talking past them. Every probe here is a
// real file position with one import; lint must reject the banned ones and accept the allowed.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(__dirname, '../../..');
let eslint: ESLint;

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(REPO, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

// Loading the config and the TypeScript parser is slow on a busy machine; do it once, untimed.
beforeAll(async () => {
  eslint = new ESLint({ cwd: REPO });
  await eslint.lintText('export {};\n', { filePath: resolve(REPO, 'src/shared/probe.ts') });
}, 120_000);

describe('layer rules refuse the imports that used to pass', () => {
  const probes: Array<[string, string, string]> = [
    ['a bare relative path into the Electron host', 'src/main/core/probe.ts', "import { start } from '../electron';\nstart();\n"],
    ['a deeper relative path into the Electron host', 'src/main/core/turn/probe.ts', "export { start } from '../../electron/index';\n"],
    ['a dynamic import of electron', 'src/main/core/turn/probe.ts', "export const load = () => import('electron');\n"],
    ['an electron subpath', 'src/main/core/speech/probe.ts', "import { app } from 'electron/main';\nexport const name = app.name;\n"],
    ['the page importing better-sqlite3', 'src/renderer/src/talk/probe.ts', "import Database from 'better-sqlite3';\nexport const db = new Database(':memory:');\n"],
    ['the page importing ws', 'src/renderer/src/app/probe.ts', "import { WebSocket } from 'ws';\nexport const socket = WebSocket;\n"],
    ['the page importing onnxruntime-node', 'src/renderer/src/audio/probe.ts', "export const ort = () => import('onnxruntime-node');\n"],
    ['the browser host importing electron', 'src/main/web/probe.ts', "import { ipcMain } from 'electron';\nexport const ipc = ipcMain;\n"],
    ['the preload importing Node', 'src/preload/probe.ts', "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n"],
    ['the preload importing the core', 'src/preload/probe.ts', "export { Assistant } from '../main/core/turn/assistant';\n"],
    ['a require() of electron', 'src/main/core/probe.ts', "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const electron = require('electron');\n"],
    ['a type-only import of electron', 'src/main/core/probe.ts', "import type { App } from 'electron';\nexport type Host = App;\n"],
    ['a type import() of electron', 'src/main/core/probe.ts', "export type Host = import('electron').App;\n"],
    ['a module loaded by a computed name', 'src/main/core/probe.ts', "const name = 'electron';\nexport const load = () => import(name);\n"],
    ['shared code importing Node', 'src/shared/probe.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
    ['shared code importing main', 'src/shared/probe.ts', "export { Assistant } from '../main/core/turn/assistant';\n"],
    ['the page importing main', 'src/renderer/src/talk/probe.ts', "export { Assistant } from '../../../main/core/turn/assistant';\n"],
    ['a script importing an unlisted package', 'scripts/probe.ts', "import { z } from 'zod';\nexport const schema = z.string();\n"],
  ];

  it.each(probes)('%s is an error', async (_name, file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((e) => e.startsWith('earshot/allowed-imports'))).toBe(true);
  });

  it('names the layer, the import and how to allow it', async () => {
    const [error] = await errorsFor('src/renderer/src/talk/probe.ts', "import 'better-sqlite3';\n");
    expect(error).toContain("src/renderer may not import 'better-sqlite3'");
    expect(error).toContain('react, react-dom, zustand');
  });
});

describe('layer rules accept what each layer names', () => {
  const allowed: Array<[string, string, string]> = [
    ['the page importing react and shared code', 'src/renderer/src/talk/probe.ts', "import { useState } from 'react';\nimport type { Settings } from '../../../shared/settings';\nexport const use = (s: Settings) => useState(s);\n"],
    ['the page importing a zustand subpath', 'src/renderer/src/store/probe.ts', "import { createStore } from 'zustand/vanilla';\nexport const store = createStore(() => ({}));\n"],
    ['the Electron host importing electron and the core', 'src/main/electron/probe.ts', "import { app } from 'electron';\nimport { Assistant } from '../core/turn/assistant';\nexport const both = [app, Assistant];\n"],
    ['the core importing Node and a native engine', 'src/main/core/stt/probe.ts', "import { join } from 'node:path';\nexport const load = () => import('onnxruntime-node');\nexport const j = join;\n"],
    ['the core locating a model file in a package', 'src/main/core/runtime/probe.ts', "export const vad = require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');\n"],
    ['the preload importing electron', 'src/preload/probe.ts', "import { contextBridge } from 'electron';\nexport const bridge = contextBridge;\n"],
  ];

  it.each(allowed)('%s passes', async (_name, file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});

describe('file size', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const value${i} = ${i};`).join('\n') + '\n';

  it('refuses a source file past 300 lines of code', async () => {
    const errors = await errorsFor('src/main/core/turn/probe.ts', lines(301));
    expect(errors.some((e) => e.startsWith('max-lines'))).toBe(true);
  });

  it('accepts 300 lines of code with comments and blank lines besides', async () => {
    const code = `// why this file is long\n\n${lines(300)}`;
    expect(await errorsFor('src/main/core/turn/probe.ts', code)).toEqual([]);
  });
});
