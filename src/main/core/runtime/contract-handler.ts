// The contract's one entry point in main, shared by the Electron IPC binding and the
// browser host: checks the request name and params, runs the request against the Runtime, and
// answers a Reply — never throws, never returns a stack. Forwards the runtime's events (turns,
// settings, notices, model progress) to every subscriber.
import type { AppInfo, EventName, EventPayloads, Reply, RequestName } from '../../../shared/contract';
import { isRequestName, requestSchemas } from '../../../shared/contract';
import { toErrorInfo, type ErrorInfo } from '../../../shared/errors';
import { hotkeyNote } from '../../../shared/hotkey-note';
import { ModelTransfers } from '../host/model-transfers';
import { createRequestTable, type RequestTable, type ValidParams } from './request-table';
import { silentLogger, type Logger } from '../platform/logger';
import type { Runtime } from './runtime-types';

export type EventSender = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export interface ContractHandler {
  handle(name: string, payload: unknown): Promise<Reply<unknown>>;
  /** Receives every event from now on; returns the unsubscribe function. */
  subscribe(send: EventSender): () => void;
  /** Sends a host's own event (hotkey, ui.open, hotkey.status) to every subscriber. */
  emit: EventSender;
  /** Cancels downloads in flight and stops forwarding runtime events. */
  dispose(): void;
}

export interface ContractHandlerOptions {
  /** What app.info answers (the host knows its version and hotkey); defaults to a browser host. */
  appInfo?: () => Omit<AppInfo, 'startupNotices'>;
  version?: string;
  logger?: Logger;
  /** Requests only the desktop host can answer (native file picker, opening a file). */
  desktop?: Partial<Pick<RequestTable, 'knowledge.choose' | 'knowledge.open'>>;
}

const MAX_MESSAGE_CHARS = 300;

function invalid(message: string): Reply<never> {
  return { ok: false, error: { code: 'invalid_input', message: message.slice(0, MAX_MESSAGE_CHARS) } };
}

function describeName(name: unknown): string {
  if (typeof name !== 'string') return `a ${typeof name}`;
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** app.info for a host without a global hotkey (the browser host). */
export function browserAppInfo(runtime: Runtime, version: string): Omit<AppInfo, 'startupNotices'> {
  const { hotkey } = runtime.settings.get();
  return {
    name: 'Earshot',
    version,
    platform: process.platform,
    host: 'browser',
    holdToTalk: false,
    hotkey: {
      available: false,
      binding: hotkey.binding,
      requestedMode: hotkey.mode,
      mode: hotkey.mode,
      paused: hotkey.paused,
      note: hotkeyNote('desktopOnly'),
    },
  };
}

export function createContractHandler(runtime: Runtime, options: ContractHandlerOptions = {}): ContractHandler {
  const logger = options.logger ?? silentLogger;
  const senders = new Set<EventSender>();
  const transfers = new ModelTransfers();

  const emit: EventSender = (event, payload) => {
    for (const send of senders) {
      try {
        send(event, payload);
      } catch (error) {
        logger.warn('event subscriber failed', { event, error: String(error) });
      }
    }
  };

  const table: RequestTable = {
    ...createRequestTable({
      runtime,
      transfers,
      appInfo: options.appInfo ?? (() => browserAppInfo(runtime, options.version ?? '0.0.0')),
      progress: (progress) => emit('model.progress', progress),
      logger,
    }),
    ...options.desktop,
  };

  const detach = [
    runtime.assistant.onEvent((event) => emit('turn', event)),
    runtime.settings.onChange((settings) => emit('settings.changed', settings)),
    runtime.onNotice((notice) => emit('notice', notice)),
    runtime.handsFree.onState((state, turnId) => emit('listening.state', { state, turnId })),
    runtime.knowledge?.onProgress((progress) => emit('knowledge.progress', progress)) ?? (() => {}),
  ];

  async function run<N extends RequestName>(name: N, params: ValidParams<N>): Promise<Reply<unknown>> {
    const impl = table[name] as (p: ValidParams<N>) => unknown;
    try {
      return { ok: true, value: await impl(params) };
    } catch (error) {
      const info: ErrorInfo = toErrorInfo(error);
      if (info.code === 'internal') logger.error(`${name} failed`, { error: error instanceof Error ? error.stack : String(error) });
      return { ok: false, error: { ...info, message: info.message.slice(0, 1000) } };
    }
  }

  return {
    async handle(name, payload) {
      if (!isRequestName(name)) return invalid(`Earshot does not know the request ${describeName(name)}.`);
      const parsed = requestSchemas[name].safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? ` (${issue.path.map(String).join('.')})` : '';
        return invalid(`Invalid ${name} request${where}: ${issue?.message ?? 'the parameters do not match'}.`);
      }
      return run(name, parsed.data as ValidParams<typeof name>);
    },
    subscribe(send) {
      senders.add(send);
      return () => {
        senders.delete(send);
      };
    },
    emit,
    dispose() {
      transfers.cancelAll();
      for (const off of detach) off();
      senders.clear();
    },
  };
}
