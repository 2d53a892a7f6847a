import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { whisperWorkerEntry } from '../../../../src/main/core/engines/stt/whisper-worker-entry';

describe('whisperWorkerEntry', () => {
  it('starts the TypeScript source beside the engine when the engine runs from source', () => {
    const dir = join('/repo', 'src', 'main', 'core', 'engines', 'stt');
    expect(whisperWorkerEntry(join(dir, 'whisper-worker-stt.ts'), dir)).toEqual({ kind: 'typescript', path: join(dir, 'whisper-worker.ts') });
    expect(whisperWorkerEntry(join(dir, 'whisper-worker-stt.mts'), dir).kind).toBe('typescript');
  });

  it('starts whisper-worker.js beside a bundle, the Electron main build or the CLI alike', () => {
    expect(whisperWorkerEntry('/app/out/main/index.js', '/app/out/main')).toEqual({ kind: 'bundled', path: join('/app/out/main', 'whisper-worker.js') });
    expect(whisperWorkerEntry('/repo/out/cli/bin/cli.js', '/repo/out/cli/bin')).toEqual({ kind: 'bundled', path: join('/repo/out/cli/bin', 'whisper-worker.js') });
    expect(whisperWorkerEntry('/app/out/main/index.cjs', '/app/out/main').kind).toBe('bundled');
  });
});
