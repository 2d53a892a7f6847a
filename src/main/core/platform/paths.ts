// Where Earshot keeps its files. Matches Electron's app.getPath('userData') for the app name
// "Earshot", so the CLI and the desktop app share settings, databases and models.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Paths {
  /** Settings and databases. */
  dataDir: string;
  /** Speech models, one folder per catalog id: <modelsDir>/<id>/… */
  modelsDir: string;
}

export const APP_NAME = 'Earshot';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

export function resolvePaths(options: { dataDir?: string; modelsDir?: string; env?: NodeJS.ProcessEnv } = {}): Paths {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? env.EARSHOT_DATA_DIR ?? defaultDataDir(process.platform, env);
  const modelsDir = options.modelsDir ?? env.EARSHOT_MODELS_DIR ?? join(dataDir, 'models');
  return { dataDir, modelsDir };
}
