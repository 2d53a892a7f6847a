import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer's voice-activity detector (@ricky0123/vad-web) loads its Silero model, its audio
 * worklet and onnxruntime-web's wasm at run time. They are served from our own bundle under
 * vad/ — never a CDN, the page's CSP forbids remote loads: copied into out/renderer/vad/ on build,
 * served from node_modules by the dev server.
 */
function vadAssets(): Plugin {
  const vadEntry = createRequire(resolve(__dirname, 'package.json')).resolve('@ricky0123/vad-web');
  const vadRequire = createRequire(vadEntry);
  const vadDir = dirname(vadEntry);
  const files = new Map<string, string>([
    ['silero_vad_v5.onnx', resolve(vadDir, 'silero_vad_v5.onnx')],
    ['vad.worklet.bundle.min.js', resolve(vadDir, 'vad.worklet.bundle.min.js')],
    ['ort-wasm-simd-threaded.wasm', vadRequire.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm')],
    ['ort-wasm-simd-threaded.mjs', vadRequire.resolve('onnxruntime-web/ort-wasm-simd-threaded.mjs')],
  ]);
  const types: Record<string, string> = { onnx: 'application/octet-stream', js: 'text/javascript', mjs: 'text/javascript', wasm: 'application/wasm' };
  return {
    name: 'earshot-vad-assets',
    configureServer(server) {
      server.middlewares.use('/vad/', (req, res, next) => {
        const name = basename((req.url ?? '').split('?')[0] ?? '');
        const file = files.get(name);
        if (!file) return next();
        res.setHeader('Content-Type', types[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [name, file] of files) this.emitFile({ type: 'asset', fileName: `vad/${name}`, source: readFileSync(file) });
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/electron/index.ts'),
          // the wake-word worker thread's entry, started by path at run time
          'wake-worker': resolve(__dirname, 'src/main/core/engines/wake/wake-worker.ts'),
          // the Whisper worker thread's entry, started by path from beside index.js at run time
          'whisper-worker': resolve(__dirname, 'src/main/core/engines/stt/whisper-worker.ts'),
          // the document search worker thread's entry, started by path from beside index.js
          'search-worker': resolve(__dirname, 'src/main/core/knowledge/search-worker.ts'),
          // the document ingest worker thread's entry, likewise
          'ingest-worker': resolve(__dirname, 'src/main/core/knowledge/ingest-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react(), vadAssets()],
  },
});
