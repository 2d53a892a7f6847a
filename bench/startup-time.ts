// startup_ready_ms: openRuntime — settings, both databases, engines (lazy), the Assistant — on a fresh
// data folder with stand-in models, until it resolves: the point where the app can listen. No model
// is loaded then; the first key-down loads them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRuntime } from '../src/main/core/runtime/runtime';
import { writeStandInModels } from '../test/support/stand-in-models';

export async function measureStartup(resourcesDir: string, env: NodeJS.ProcessEnv): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'earshot-bench-startup-'));
  try {
    const { modelsDir } = await writeStandInModels(join(work, 'models'));
    const started = performance.now();
    const runtime = await openRuntime({ paths: { dataDir: join(work, 'data'), modelsDir }, env, warmCaches: false, resourcesDir });
    const readyMs = performance.now() - started;
    await runtime.close();
    return Math.round(readyMs * 10) / 10;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
