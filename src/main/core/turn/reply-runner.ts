// The reply half of a turn: response cache, prompt, LLM stream → sentence splitter → speech.
// Speech of sentence n overlaps the LLM writing sentence n+1.
import type { ErrorInfo } from '../../../shared/errors';
import { isAbortError, toErrorInfo } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { CacheOutcome, DocumentSource, Language, TurnEvent } from '../../../shared/turn';
import type { ChatChunk, ChatStats, LanguageModel, TextToSpeech } from '../engines/types';
import { type Logger, silentLogger } from '../platform/logger';
import { SentenceSplitter } from '../speech/sentence-splitter';
import { CodeFenceFilter, speakableText } from '../speech/speakable-text';
import { SpeechOutput } from '../speech/speech-output';
import { refersToConversation } from '../store/response-cache-rules';
import type { CachedResponse, DocumentRecallResult, HistoryStore, HistoryTurn, MemoryRecall, ResponseCache, ResponseQuery, TtsCache } from '../store/types';
import type { TurnMarkRecorder } from '../metrics/turn-marks';
import type { PromptBuilder } from '../prompt/prompt-builder';

export interface ReplyDeps {
  llm: LanguageModel;
  tts: TextToSpeech | null;
  ttsCache: TtsCache | null;
  responseCache: ResponseCache | null;
  history: HistoryStore | null;
  buildPrompt: PromptBuilder;
  contextTokens: number;
  historyTurns: number;
  logger?: Logger;
  /** Called just before the chat request goes out (not on a cache hit). */
  beforeChat?: () => void;
}

export interface ReplyContext {
  question: string;
  language: Language;
  settings: Settings;
  speech: boolean;
  useCache: boolean;
  memories: Promise<MemoryRecall>;
  /** Retrieval from the user's documents, started beside the memory retrieval; absent when knowledge is off. */
  documents?: Promise<DocumentRecallResult | null>;
  marks: TurnMarkRecorder;
  signal: AbortSignal;
  /** Emits an event for this turn (dropped once the turn has finished). */
  emit: (event: DistributiveOmit<TurnEvent, 'turnId'>) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ReplyOutcome {
  reply: string;
  complete: boolean;
  cache: CacheOutcome;
  error: ErrorInfo | null;
  query: ResponseQuery;
  stats: ChatStats | null;
  speech: SpeechOutput | null;
  /** The documents the prompt quoted; absent when none. */
  sources?: DocumentSource[];
}

export async function runReply(ctx: ReplyContext, deps: ReplyDeps): Promise<ReplyOutcome> {
  const logger = deps.logger ?? silentLogger;
  const { settings, marks, signal } = ctx;
  const cacheOn = ctx.useCache && settings.cache.enabled && deps.responseCache !== null;
  if (cacheOn) deps.responseCache?.prefetch?.(ctx.question);
  const recall = await ctx.memories.catch((error: unknown): MemoryRecall => {
    logger.warn('memory retrieval failed; answering without memories', { error: String(error) });
    return { texts: [], relevant: [] };
  });
  const documents = await (ctx.documents ?? Promise.resolve(null)).catch((error: unknown) => {
    logger.warn('document retrieval failed; answering without documents', { error: String(error) });
    return null;
  });
  // memoryReady is the preparer's mark (it runs while STT does): with memory off there is none.
  const history = recentHistory(deps.history, deps.historyTurns, logger);
  const query: ResponseQuery = {
    question: ctx.question,
    language: ctx.language,
    model: settings.llm.model,
    // Standing profile facts go into every prompt: they are part of the cache's scope, so an answer
    // that used "Ana" is not served after that memory changes.
    // The document index version is part of the scope too: an answer given before a document was
    // added (or changed) is not served after.
    systemPrompt: [settings.llm.systemPrompt, ...recall.texts.filter((t) => !recall.relevant.includes(t)), ...(documents ? [`[documents v${documents.version}]`] : [])].join('\n'),
    usedContext:
      recall.relevant.length > 0 || (history.length > 0 && refersToConversation(ctx.question, ctx.language)) || (documents?.passages.length ?? 0) > 0,
  };

  let ttsError: ErrorInfo | null = null;
  const speech =
    ctx.speech && deps.tts
      ? new SpeechOutput({
          tts: deps.tts,
          cache: settings.cache.enabled ? deps.ttsCache : null,
          language: ctx.language,
          speed: settings.tts.speed,
          signal,
          logger,
          onAudio: (sentence, samples, sampleRate) => {
            marks.mark('ttsFirstChunk');
            ctx.emit({ type: 'audio', sentence, seq: 0, sampleRate, samples });
          },
          onError: (error) => {
            ttsError = error;
            ctx.emit({ type: 'error', error });
          },
        })
      : null;
  const splitter = new SentenceSplitter({ language: ctx.language });
  // Replies are Markdown on screen; the voice says the words, not the marks or the code.
  const fences = new CodeFenceFilter(ctx.language);
  let sentenceCount = 0;
  const speak = (sentences: string[]) => {
    for (const text of sentences.map((s) => speakableText(s, ctx.language)).filter((s) => s !== '')) {
      marks.mark('firstSentence');
      ctx.emit({ type: 'sentence', index: sentenceCount, text });
      speech?.say(sentenceCount, text);
      sentenceCount += 1;
    }
  };

  const serveHit = async (hit: CachedResponse): Promise<ReplyOutcome> => {
    ctx.emit({ type: 'token', text: hit.reply });
    speak([...splitter.push(fences.push(hit.reply)), ...splitter.push(fences.flush()), ...splitter.flush()]);
    await speech?.drained();
    return { reply: hit.reply, complete: true, cache: 'hit', error: ttsError, query, stats: null, speech };
  };

  const messages = deps.buildPrompt.build({
    systemPrompt: settings.llm.systemPrompt,
    history,
    memories: recall.texts,
    documents: documents?.passages,
    userMessage: ctx.question,
    contextTokens: deps.contextTokens,
    reserveTokens: settings.llm.maxTokens,
    historyTokens: settings.llm.historyTokens,
  });
  const startChat = (): PendingChat => {
    const own = new AbortController();
    marks.mark('llmRequest');
    deps.beforeChat?.();
    const request = deps.llm.chat({
      model: settings.llm.model,
      messages,
      contextTokens: deps.contextTokens,
      maxTokens: settings.llm.maxTokens,
      temperature: settings.llm.temperature,
      keepAlive: settings.llm.keepAlive,
      firstTokenTimeoutMs: settings.llm.timeoutMs,
      signal: AbortSignal.any([signal, own.signal]),
    });
    const stream = request[Symbol.asyncIterator]();
    const first = stream.next(); // sends the request now
    first.catch(() => undefined); // read (and reported) below unless the chat is abandoned
    return { stream, first, abandon: () => own.abort() };
  };

  let chat: PendingChat | null = null;
  if (cacheOn) {
    const cached = lookup(deps.responseCache, query, logger);
    // A lookup that needs no I/O (an exact match, an empty cache, a question embedded already)
    // has settled by the next tick. One waiting on the embedding model races the LLM instead of
    // holding the request back: a hit abandons the chat, a miss has lost no time.
    if (!(await settlesThisTick(cached))) chat = startChat();
    const hit = await cached;
    if (hit) {
      chat?.abandon();
      return serveHit(hit);
    }
  }
  chat ??= startChat();

  let reply = '';
  let stats: ChatStats | null = null;
  let llmError: ErrorInfo | null = null;
  try {
    for (let next = await chat.first; !next.done; next = await chat.stream.next()) {
      const chunk = next.value;
      if (chunk.type === 'done') {
        stats = chunk.stats;
        continue;
      }
      marks.mark('llmFirstToken');
      reply += chunk.text;
      ctx.emit({ type: 'token', text: chunk.text });
      speak(splitter.push(fences.push(chunk.text)));
    }
    speak([...splitter.push(fences.flush()), ...splitter.flush()]);
  } catch (error) {
    llmError = signal.aborted || isAbortError(error) ? { code: 'cancelled', params: { variant: 'turn' }, message: 'The turn was cancelled.' } : toErrorInfo(error);
  } finally {
    // As for-await would: a loop left early closes the stream (and its HTTP request).
    void chat.stream.return?.()?.catch(() => undefined);
  }
  marks.mark('llmDone');
  if (stats) deps.buildPrompt.observe?.(messages, stats.promptEvalCount);
  // After a failure the sentences already queued are still spoken (the error is said after them).
  if (llmError?.code !== 'cancelled') await speech?.drained();
  const truncated = stats?.doneReason === 'length';
  return {
    reply,
    complete: !llmError && !truncated,
    cache: cacheOn ? 'miss' : 'off',
    error: llmError ?? ttsError,
    query,
    stats,
    speech,
    ...(documents && documents.passages.length > 0 ? { sources: uniqueSources(documents) } : {}),
  };
}

/** One source per file, in the order of their best passage. */
function uniqueSources(documents: DocumentRecallResult): DocumentSource[] {
  const seen = new Set<string>();
  return documents.passages.flatMap((p) => (seen.has(p.path) ? [] : (seen.add(p.path), [{ path: p.path, heading: p.heading, page: p.page }])));
}

interface PendingChat {
  stream: AsyncIterator<ChatChunk>;
  first: Promise<IteratorResult<ChatChunk>>;
  abandon: () => void;
}

/**
 * Whether the promise settles before a tick queued now: a chain of promises that waits on no I/O
 * or timer settles within the current microtask queue, which runs to the end before the tick.
 */
function settlesThisTick(promise: Promise<unknown>): Promise<boolean> {
  return new Promise((resolve) => {
    promise.then(() => resolve(true), () => resolve(true));
    process.nextTick(() => resolve(false));
  });
}

async function lookup(cache: ResponseCache | null, query: ResponseQuery, logger: Logger) {
  try {
    return (await cache?.lookup(query)) ?? null;
  } catch (error) {
    logger.warn('response cache lookup failed; asking the model', { error: String(error) });
    return null;
  }
}

function recentHistory(history: HistoryStore | null, limit: number, logger: Logger): HistoryTurn[] {
  try {
    return history?.recent(limit) ?? [];
  } catch (error) {
    logger.warn('history read failed; answering without context', { error: String(error) });
    return [];
  }
}
