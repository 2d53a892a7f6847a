// The models API the app and the CLI use: one object built from its dependencies (paths, fetch,
// file system, clock, load checks), over one catalog.
import { systemClock, type Clock } from '../platform/clock';
import { silentLogger, type Logger } from '../platform/logger';
import { buildCatalog, requireEntry, type Catalog } from './catalog';
import type { Fetch } from './http-download';
import { processIsAlive } from './install-lock';
import { installModel, type InstallOptions, type InstallOutcome } from './model-installer';
import { nodeModelFs, type ModelFs } from './model-fs';
import { modelDirOf } from './model-layout';
import { isInstalledState, listModels, modelState, removeModel, verifyInstalledModel, type ModelListing, type ModelState, type VerifyResult } from './model-status';
import { DEFAULT_BACKOFF, realSleep, type BackoffPolicy, type Sleep } from './retry-backoff';
import { defaultLoadChecks, type LoadChecks } from './load-checks';

export interface ModelManagerDeps {
  modelsDir: string;
  /** Defaults to the built-in catalog. */
  catalog?: Catalog;
  fetch?: Fetch;
  fs?: ModelFs;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Per-kind test loads (the real engines' loaders); kinds left out use the file checks. */
  loadChecks?: LoadChecks;
  logger?: Logger;
  pid?: number;
  isProcessAlive?: (pid: number) => boolean;
}

export interface ModelManager {
  readonly catalog: Catalog;
  readonly modelsDir: string;
  list(): Promise<ModelListing[]>;
  state(id: string): Promise<ModelState>;
  isInstalled(id: string): Promise<boolean>;
  /** Where the model's files are (whether or not it is installed). */
  modelDir(id: string): string;
  install(id: string, options?: InstallOptions): Promise<InstallOutcome>;
  verify(id: string, signal?: AbortSignal): Promise<VerifyResult>;
  /** Verifies every installed (not bundled) model. */
  verifyAll(signal?: AbortSignal): Promise<VerifyResult[]>;
  /** False when it was not installed. */
  remove(id: string): Promise<boolean>;
}

export function createModelManager(deps: ModelManagerDeps): ModelManager {
  const fs = deps.fs ?? nodeModelFs;
  const catalog = deps.catalog ?? buildCatalog();
  const loaders = { ...defaultLoadChecks(fs), ...deps.loadChecks };
  const lockDeps = { pid: deps.pid ?? process.pid, isProcessAlive: deps.isProcessAlive ?? processIsAlive };
  const installerDeps = {
    modelsDir: deps.modelsDir,
    fetch: deps.fetch ?? globalThis.fetch,
    fs,
    clock: deps.clock ?? systemClock,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
    backoff: deps.backoff ?? DEFAULT_BACKOFF,
    loadCheckFor: (entry: { kind: keyof typeof loaders }) => loaders[entry.kind],
    logger: deps.logger ?? silentLogger,
    ...lockDeps,
  };

  const verify = (id: string, signal?: AbortSignal) => {
    const entry = requireEntry(catalog, id);
    return verifyInstalledModel(fs, deps.modelsDir, entry, loaders[entry.kind], signal);
  };

  return {
    catalog,
    modelsDir: deps.modelsDir,
    list: () => listModels(fs, deps.modelsDir, catalog),
    state: async (id) => (await modelState(fs, deps.modelsDir, requireEntry(catalog, id))).state,
    isInstalled: async (id) => isInstalledState((await modelState(fs, deps.modelsDir, requireEntry(catalog, id))).state),
    modelDir: (id) => modelDirOf(deps.modelsDir, id),
    install: (id, options = {}) => installModel(requireEntry(catalog, id), options, installerDeps),
    verify,
    async verifyAll(signal) {
      const results: VerifyResult[] = [];
      for (const entry of catalog.entries) {
        if (entry.bundled) continue;
        const { state } = await modelState(fs, deps.modelsDir, entry);
        if (state === 'installed' || state === 'outdated') results.push(await verify(entry.id, signal));
      }
      return results;
    },
    remove: (id) => removeModel(fs, deps.modelsDir, requireEntry(catalog, id).id, lockDeps),
  };
}
