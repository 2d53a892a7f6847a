// The LLM behind a circuit breaker: when Ollama keeps failing to answer, turns fail at once with
// the same clear message instead of each waiting out retries and timeouts.
import { type ErrorCode, type ErrorParams, EarshotError, isEarshotError } from '../../../../shared/errors';
import { admit, type BreakerPolicy, type BreakerState, DEFAULT_BREAKER_POLICY, INITIAL_BREAKER, recordFailure, recordSuccess } from './circuit-breaker';
import type { ChatChunk, ChatRequest, ChatStats, LanguageModel, PrefillRequest } from '../types';

/** Failures that say the service is down or sick; a missing model or a cancel says nothing about it. */
const SERVICE_FAILURES: ReadonlySet<ErrorCode> = new Set(['llm_unreachable', 'llm_timeout', 'llm_http_error', 'llm_stream_broken']);

export class GuardedLanguageModel implements LanguageModel {
  private state: BreakerState = INITIAL_BREAKER;
  private lastFailure: EarshotError | null = null;

  constructor(
    private readonly inner: LanguageModel,
    private readonly now: () => number = () => performance.now(),
    private readonly policy: BreakerPolicy = DEFAULT_BREAKER_POLICY,
  ) {}

  get breaker(): BreakerState {
    return this.state;
  }

  async *chat(request: ChatRequest): AsyncIterable<ChatChunk> {
    const { allowed, next } = admit(this.state, this.now());
    this.state = next;
    if (!allowed) {
      const last = this.lastFailure;
      const why = last?.message ?? 'Ollama is not answering — start it with `ollama serve`';
      // Half-open: the back-off is over and one request is checking whether Ollama answers again.
      const seconds = Math.max(1, Math.ceil((this.state.openedAt + this.state.openMs - this.now()) / 1000));
      const probing = this.state.mode === 'half-open';
      const wait = probing ? 'so Earshot is checking whether it answers again — try again in a moment' : `so Earshot waits ${seconds} s before asking again`;
      const params: ErrorParams = probing ? { variant: 'guardedProbe' } : { variant: 'guardedWait', seconds };
      throw new EarshotError(last?.code ?? 'llm_unreachable', `Ollama failed several times just now, ${wait}. Last error: ${why}`, { params });
    }
    try {
      for await (const chunk of this.inner.chat(request)) {
        if (chunk.type === 'done') this.state = recordSuccess(this.state, this.policy);
        yield chunk;
      }
    } catch (error) {
      if (isEarshotError(error) && SERVICE_FAILURES.has(error.code)) {
        this.lastFailure = error;
        this.state = recordFailure(this.state, this.now(), this.policy);
      } else if (this.state.mode === 'half-open') {
        this.state = { ...this.state, mode: 'open' }; // the probe was cancelled: keep waiting
      }
      throw error;
    }
  }

  warm(model: string, keepAlive: string, contextTokens: number, signal?: AbortSignal): Promise<void> {
    return this.state.mode === 'open' ? Promise.resolve() : this.inner.warm(model, keepAlive, contextTokens, signal);
  }

  /** Skipped while the breaker is open: a prefill must not be what keeps a dead Ollama busy. */
  prefill(request: PrefillRequest): Promise<ChatStats | null> {
    if (this.state.mode === 'open' || !this.inner.prefill) return Promise.resolve(null);
    return this.inner.prefill(request);
  }
}
