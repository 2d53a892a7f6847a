// What each contract request does, given a Runtime: one function per request name, called with
// params the contract has already validated. Turn results flow as events, so turn.end and
// turn.ask answer at once.
import type { z } from 'zod';
import type { AppInfo, EventPayloads, RequestName, RequestResults, requestSchemas } from '../../../shared/contract';
import { EarshotError } from '../../../shared/errors';
import { missingPresetModelNotice, planPresetSwitch } from '../settings/preset-switch';
import type { Logger } from '../platform/logger';
import type { Runtime } from './runtime-types';
import type { ModelTransfers } from '../host/model-transfers';

export type ValidParams<N extends RequestName> = z.output<(typeof requestSchemas)[N]>;

export type RequestTable = {
  [N in RequestName]: (params: ValidParams<N>) => RequestResults[N] | Promise<RequestResults[N]>;
};

export interface RequestTableDeps {
  runtime: Runtime;
  transfers: ModelTransfers;
  appInfo: () => Omit<AppInfo, 'startupNotices'>;
  progress: (progress: EventPayloads['model.progress']) => void;
  logger: Logger;
}

const NOT_LISTENING = 'That turn is not listening any more — press the key (or hold Talk) again to talk.';
const TURN_BUSY = 'Earshot is still answering the last question — stop it first, or wait for the answer.';

export function createRequestTable({ runtime, transfers, appInfo, progress, logger }: RequestTableDeps): RequestTable {
  const { assistant, settings } = runtime;
  const library = () => {
    if (!runtime.knowledge) throw new EarshotError('storage_failed', 'Your document index could not be opened — see the notice about Earshot’s database.', { params: { variant: 'noIndex' } });
    return runtime.knowledge;
  };
  const settle = (what: string) => (error: unknown) => logger.debug(`${what} ended early`, { error: String(error) });

  return {
    'turn.begin': ({ turnId }) => ({ turnId: assistant.beginTurn({ id: turnId }) }),
    'turn.audio': ({ turnId, samples }) => {
      assistant.pushAudio(turnId, samples); // late chunks after key-up are dropped on purpose
      return null;
    },
    'turn.end': ({ turnId, silentIfEmpty }) => {
      if (assistant.activeTurnId !== turnId) throw new EarshotError('invalid_input', NOT_LISTENING, { params: { variant: 'notListening' } });
      assistant.endTurn(turnId, { silentIfEmpty }).catch(settle('turn.end'));
      return null;
    },
    'turn.cancel': ({ turnId }) => {
      assistant.cancel(turnId);
      return null;
    },
    'turn.ask': ({ text, turnId: id }) => {
      // A question while a turn runs would cancel it and leave an unanswered turn in history; a
      // burst of them (a stuck key, a hostile page) would fill history with such turns. The window
      // stops the running turn first (turn.cancel), so only a request that did not is refused.
      if (assistant.activeTurnId !== null) throw new EarshotError('busy', TURN_BUSY, { params: { variant: 'turn' } });
      const { turnId, result } = assistant.askText(text, { id });
      result.catch(settle('turn.ask'));
      return { turnId };
    },
    'turn.played': ({ turnId }) => {
      assistant.reportPlayback(turnId);
      return null;
    },
    'settings.get': () => settings.get(),
    'settings.update': ({ patch }) => settings.update(patch),
    'settings.applyPreset': async ({ preset }) => {
      const current = settings.get();
      const models = await runtime.models().catch(() => null);
      const installed = models ? new Set(models.filter((m) => m.kind === 'stt' && m.installed).map((m) => m.id)) : null;
      const plan = planPresetSwitch(current, preset, installed);
      const next = plan.settings;
      const updated = settings.update({ preset: next.preset, stt: next.stt, llm: next.llm, cache: next.cache });
      const notice = missingPresetModelNotice(preset, plan, current.stt.model);
      if (notice) runtime.notify?.('warning', notice);
      return updated;
    },
    'history.list': ({ limit }) => runtime.history(limit),
    'cache.stats': () => runtime.cacheStats(),
    'cache.clear': ({ kind }) => {
      runtime.clearCache(kind);
      return runtime.cacheStats();
    },
    'memory.list': () => runtime.memories(),
    'memory.update': ({ id, text }) => runtime.updateMemory(id, text),
    'memory.delete': ({ id }) => {
      runtime.deleteMemory(id);
      return null;
    },
    'metrics.recent': ({ limit }) => runtime.recentMetrics(limit),
    'metrics.summary': () => runtime.stageSummary(),
    'models.list': () => runtime.models(),
    'setup.status': () => runtime.setupStatus(),
    'models.fetch': async ({ id }) => {
      await transfers.run(id, (signal) => runtime.fetchModel(id, progress, signal));
      return null;
    },
    'models.cancel': ({ id }) => ({ cancelled: transfers.cancel(id) }),
    'ollama.pull': async ({ model }) => {
      await transfers.run(model, (signal) => runtime.pullOllamaModel(model, progress, signal));
      return null;
    },
    'app.info': () => ({ ...appInfo(), startupNotices: [...runtime.startupProblems] }),
    'history.conversations': () => runtime.conversations().list(),
    'history.show': ({ id }) => runtime.conversations().turns(id),
    'history.new': () => runtime.conversations().start(),
    'history.open': ({ id }) => runtime.conversations().open(id),
    'history.rename': ({ id, title }) => runtime.conversations().rename(id, title),
    'history.delete': ({ id }) => {
      runtime.conversations().delete(id);
      return null;
    },
    'history.clear': () => {
      runtime.conversations().clear();
      return null;
    },
    'history.search': ({ query }) => runtime.conversations().search(query),
    'ollama.models': () => runtime.chatModels(),
    'listening.audio': async ({ samples }) => {
      await runtime.handsFree.push(samples);
      return null;
    },
    'listening.pause': async () => {
      await runtime.handsFree.pause();
      return null;
    },
    'knowledge.list': () => library().list(),
    'knowledge.add': ({ paths }) => library().add(paths),
    'knowledge.remove': ({ path }) => library().remove(path),
    'knowledge.reindex': () => library().reindex(),
    'knowledge.control': ({ action }) => ({ applied: library().control(action) }),
    'knowledge.quoted': ({ turnIds }) => library().quoted(turnIds),
    // The desktop host replaces these two; a browser page has no file picker with paths, and
    // opening a file would happen on the computer running Earshot, not in front of the user.
    'knowledge.choose': () => {
      throw new EarshotError('invalid_input', 'Choosing files with a dialog works only in the desktop app; type the path of the file or folder instead.', { params: { variant: 'pickerDesktopOnly' } });
    },
    'knowledge.open': () => {
      throw new EarshotError('invalid_input', 'Opening documents works only in the desktop app; the file’s path is shown instead.', { params: { variant: 'openDesktopOnly' } });
    },
  };
}
