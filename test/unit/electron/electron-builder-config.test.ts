// The installer configuration, checked as far as this machine can without Electron's binary:
// electron-builder's own schema accepts it, it builds every platform's installer with the app icon,
// and the data and models folders stay outside the install folder, shared with the CLI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { APP_NAME, resolvePaths } from '../../../src/main/core/platform/paths';

const ROOT = join(__dirname, '..', '..', '..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.json', () => {
  it('is accepted by electron-builder, and a broken one is not', { timeout: 60_000 }, async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { notAnOption: true } } as never, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('builds AppImage and deb, dmg, and NSIS with a 512 px app icon', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    const icon = readFileSync(join(ROOT, config.icon));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('names the app so its data folder is the one the CLI uses, and keeps models out of the package', () => {
    expect(config.productName).toBe(APP_NAME);
    const paths = resolvePaths({ env: { HOME: '/home/ana' } });
    expect(paths.modelsDir.startsWith(paths.dataDir)).toBe(true);
    expect(JSON.stringify(config.files)).not.toMatch(/models/);
    // Native modules cannot be loaded from inside the asar archive.
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/onnxruntime-node/**/*']));
  });
});
