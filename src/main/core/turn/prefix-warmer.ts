// Keeps the stable start of the next prompt (system prompt + kept history, then the memories every
// prompt quotes first) in Ollama's cache, so that after key-up the model only prefills the
// question. It prefills at launch and at key-down, while the user speaks; and, in a quiet moment,
// after something evicted the cached prefix — a background request on the chat model (fact
// extraction, a summary) or a history cut-back — or once Ollama has unloaded the model (its
// keep-alive ran out). A re-warm never holds the model when a turn starts: key-down cancels it,
// and a prefill for another prefix gives way to the new one. The decisions are the pure functions
// of prefill-plan.ts.
import { keepAliveMs, type Settings } from '../../../shared/settings';
import type { LanguageModel } from '../engines/types';
import { type Logger, silentLogger } from '../platform/logger';
import { historyCutBack, prefixKey, shouldPrefill } from '../prompt/prefill-plan';
import type { PromptBuilder } from '../prompt/prompt-builder';
import type { HistoryStore, HistoryTurn } from '../store/types';

/** Starts `run` after `ms` unless the returned cancel is called first. */
export type Schedule = (run: () => void, ms: number) => () => void;

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface PrefixWarmerDeps {
  llm: () => LanguageModel;
  history: HistoryStore | null;
  buildPrompt: PromptBuilder;
  settings: () => Settings;
  contextTokens: number;
  historyTurns: number;
  /** The memories every prompt quotes first for now (MemoryService.standing); prefilled too. */
  standingMemories?: () => string[];
  /** Aborts everything when the Assistant closes. */
  closing: AbortSignal;
  /** A turn is under way: a quiet-moment re-warm waits for the next key-down instead. */
  isBusy: () => boolean;
  logger?: Logger;
  schedule?: Schedule;
  /** Quiet time after an eviction before the prefix is prefilled again (default 2 s). */
  quietMs?: number;
  /** Milliseconds now (tests pass a scripted clock). */
  now?: () => number;
}

export class PrefixWarmer {
  private held: string | null = null;
  /** When Ollama unloads the model, and the prefix with it, if nothing uses it before. */
  private heldUntil = Number.POSITIVE_INFINITY;
  /** Bumped by every other request on the model: a prefill that started before one no longer says what Ollama holds. */
  private displaced = 0;
  private inFlight: { key: string; controller: AbortController } | null = null;
  private cancelQuiet: (() => void) | null = null;
  private readonly logger: Logger;
  private readonly schedule: Schedule;

  constructor(private readonly deps: PrefixWarmerDeps) {
    this.logger = deps.logger ?? silentLogger;
    this.schedule = deps.schedule ?? realSchedule;
  }

  /**
   * Key-down or launch: prefill the prefix now, unless Ollama holds it or is already computing it.
   * True when a prefill is under way or done, which also loads the model; false when none could be
   * sent (no prefill support, no prompt plan), so the caller loads the model another way.
   */
  warmNow(): boolean {
    this.stopQuietRewarm();
    return this.prefill();
  }

  /** A turn is about to send its chat: whatever Ollama holds after it is that chat's prompt. */
  chatSent(): void {
    this.stopQuietRewarm();
    this.displaced += 1;
    this.held = null;
  }

  /** A request that is not a turn's chat ran on the chat model: the prefix is gone; re-warm when quiet. */
  evicted(): void {
    this.displaced += 1;
    this.held = null;
    this.rewarmWhenQuiet();
  }

  /** A turn finished: when the next prompt will keep a shorter history, prefill its new start when quiet. */
  turnFinished(): void {
    const plan = this.plan();
    if (plan && historyCutBack(plan.firstTurnBefore, plan.firstTurn)) this.rewarmWhenQuiet();
  }

  /**
   * A typed turn is starting: a re-warm not sent yet is dropped, its chat goes out at once instead.
   * (A prefill already under way is for the same history, so it is left to finish.)
   */
  turnStarting(): void {
    this.stopQuietRewarm();
  }

  private rewarmWhenQuiet(): void {
    this.stopQuietRewarm();
    if (this.deps.closing.aborted) return;
    this.cancelQuiet = this.schedule(() => {
      this.cancelQuiet = null;
      if (!this.deps.isBusy()) this.prefill();
    }, this.deps.quietMs ?? 2_000);
  }

  private stopQuietRewarm(): void {
    this.cancelQuiet?.();
    this.cancelQuiet = null;
  }

  private plan() {
    const { buildPrompt, settings } = this.deps;
    if (!buildPrompt.prefix) return null;
    const s = settings();
    return buildPrompt.prefix({
      systemPrompt: s.llm.systemPrompt,
      history: this.recentHistory(),
      contextTokens: this.deps.contextTokens,
      reserveTokens: s.llm.maxTokens,
      historyTokens: s.llm.historyTokens,
      standingMemories: this.standing(),
    });
  }

  private prefill(): boolean {
    const llm = this.deps.llm();
    if (!llm.prefill || this.deps.closing.aborted) return false;
    const plan = this.plan();
    if (!plan) return false;
    const { model, keepAlive } = this.deps.settings().llm;
    const key = prefixKey(model, this.deps.contextTokens, plan.messages);
    if (this.held !== null && this.now() > this.heldUntil) this.held = null; // unloaded since: prefill (and load) again
    if (!shouldPrefill({ key, held: this.held, inFlight: this.inFlight?.key ?? null })) return true;
    this.inFlight?.controller.abort(); // an older prefix: the new one replaces it in Ollama anyway
    const controller = new AbortController();
    const job = { key, controller };
    this.inFlight = job;
    const signal = AbortSignal.any([controller.signal, this.deps.closing]);
    const displaced = this.displaced;
    void llm.prefill({ model, messages: plan.messages, contextTokens: this.deps.contextTokens, keepAlive, signal }).then((stats) => {
      if (this.inFlight === job) this.inFlight = null;
      if (stats && !signal.aborted && displaced === this.displaced) {
        this.held = key;
        const keptMs = keepAliveMs(keepAlive);
        this.heldUntil = Number.isNaN(keptMs) ? this.now() : this.now() + keptMs;
        this.logger.debug('prompt prefix prefilled', { tokens: stats.promptEvalCount, ms: stats.promptEvalMs });
      }
    });
    return true;
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private standing(): string[] {
    try {
      return this.deps.standingMemories?.() ?? [];
    } catch (error) {
      this.logger.warn('memories could not be read; prefilling without them', { error: String(error) });
      return [];
    }
  }

  private recentHistory(): HistoryTurn[] {
    try {
      return this.deps.history?.recent(this.deps.historyTurns) ?? [];
    } catch (error) {
      this.logger.warn('history read failed; prefilling the system prompt alone', { error: String(error) });
      return [];
    }
  }
}
