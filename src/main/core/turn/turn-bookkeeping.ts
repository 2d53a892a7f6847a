// What happens after a turn: the exchange saved to history as the turn ends; then, off
// the hot path, the turn queued for memory extraction, latency marks recorded, new audio and answers
// written to the caches. A history write that fails (disk full, database locked) is kept in memory,
// in order, and retried with the next turn, so a passing problem loses no conversation.
import { toErrorInfo } from '../../../shared/errors';
import type { TurnResult } from '../../../shared/turn';
import type { ActiveTurn } from './active-turn';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { AssistantStores } from './assistant-deps';
import type { HistoryTurn } from '../store/types';

/** Unsaved turns kept for a retry; past this the oldest are given up (and the user was told). */
const MAX_UNSAVED = 200;

export class TurnBookkeeping {
  private readonly unsaved: HistoryTurn[] = [];
  private toldUser = false;

  constructor(
    private readonly stores: AssistantStores,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly notify?: (level: 'info' | 'warning' | 'error', message: string) => void,
  ) {}

  /** Turns whose history write failed and waits for a retry. */
  get unsavedTurns(): number {
    return this.unsaved.length;
  }

  /**
   * Saves the exchange to history at once, as the turn ends (one small insert): a turn started right
   * after — a follow-up typed while this reply still streamed — must find it in the history it reads.
   */
  saveTurn(turn: ActiveTurn, result: TurnResult): HistoryTurn | null {
    if (result.transcript === '') return null;
    const record: HistoryTurn = {
      id: turn.id,
      at: this.clock.wallNow(),
      transcript: result.transcript,
      reply: result.reply,
      language: result.language,
      complete: result.complete,
    };
    this.saveHistory(record);
    return record;
  }

  /** The rest, later and off the hot path: memory extraction, metrics, cache writes. */
  async afterTurn(turn: ActiveTurn, result: TurnResult, record: HistoryTurn | null): Promise<void> {
    const outcome = turn.outcome;
    outcome?.speech?.flushCache();
    if (record && result.complete) this.guard('memory', () => this.stores.memory?.afterTurn(record));
    this.recordMetrics(turn);
    if (result.complete && !result.error && result.cache.response === 'miss' && outcome?.query) {
      await this.stores.responseCache
        ?.save(outcome.query, result.reply)
        .catch((error: unknown) => this.logger.warn('response cache write failed', { error: String(error) }));
    }
  }

  recordMetrics(turn: ActiveTurn): void {
    const outcome = turn.outcome;
    // A spoken turn cancelled before anything was transcribed (a tap with nothing said, a capture
    // dropped) is no turn: there is no latency worth measuring, and it must not show in the view.
    if (turn.kind === 'voice' && turn.transcript === '' && outcome?.error?.code === 'cancelled') return;
    this.guard('metrics', () =>
      this.stores.metrics?.record(turn.id, turn.marks.snapshot(), {
        kind: turn.kind,
        cache: outcome?.cache ?? 'off',
        complete: outcome?.complete ?? false,
        error: outcome?.error?.code ?? null,
        llmPrefillTokens: outcome?.stats?.promptEvalCount ?? null,
        sttEncoderMs: turn.sttTimings?.encoderMs ?? null,
        sttDecoderMs: turn.sttTimings?.decoderMs ?? null,
      }),
    );
  }

  private saveHistory(record: HistoryTurn): void {
    const history = this.stores.history;
    if (!history) return;
    this.unsaved.push(record);
    if (this.unsaved.length > MAX_UNSAVED) this.unsaved.splice(0, this.unsaved.length - MAX_UNSAVED);
    try {
      while (this.unsaved.length > 0) {
        history.append(this.unsaved[0] as HistoryTurn);
        this.unsaved.shift();
      }
      if (this.toldUser) this.notify?.('info', 'The conversation is being saved again.');
      this.toldUser = false;
    } catch (error) {
      const info = toErrorInfo(error);
      this.logger.error('history write failed', { error: info.message, unsaved: this.unsaved.length });
      if (!this.toldUser) this.notify?.('error', `The conversation could not be saved: ${info.message} Earshot keeps it and tries again after the next turn.`);
      this.toldUser = true;
    }
  }

  private guard(what: string, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logger.error(`${what} write failed`, { error: toErrorInfo(error).message });
    }
  }
}
