// The memory service. prepare() runs from key-down in parallel with speech-to-text:
// it loads the facts (profile and others) and the recent turns and embeds any fact that lacks a
// vector, so finish(transcript) is one retrieval — served from a 5-minute cache when it can be.
// afterTurn() queues turns for batched fact extraction in the background.
import type { Language } from '../../../shared/turn';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { Embedder } from '../store/embedder';
import { normalizeQuestion } from '../store/text-normalization';
import type { HistoryStore, HistoryTurn, MemoryPreparation, MemoryService } from '../store/types';
import type { ExtractionBacklog } from './extraction-backlog';
import { ExtractionQueue, type FactExtractor } from './extraction-queue';
import { DEFAULT_RANKING_LIMITS, type RankedMemories, rankMemories, type RankingLimits, standingMemories } from './memory-ranking';
import { isAcceptableFact } from './fact-validation';
import { classifyFact, isDuplicateFact, retrievalQuery } from './memory-rules';
import type { MemoryFact, MemoryKind, SqliteMemoryStore, StoredMemory } from './memory-store';
import { SqliteRetrievalCache } from './retrieval-cache';

export interface MemoryServiceOptions {
  store: SqliteMemoryStore;
  history: Pick<HistoryStore, 'recent'>;
  embedder: Embedder;
  retrievalCache?: SqliteRetrievalCache | null;
  /** One LLM call for a batch of turns → facts about the user, as short sentences. */
  extract: FactExtractor;
  clock: Clock;
  logger: Logger;
  /** Read on every call (settings memory.enabled). */
  enabled?: () => boolean;
  batchSize?: number;
  idleMs?: number;
  /** Keeps queued turns across launches (earshot.db). */
  backlog?: ExtractionBacklog | null;
  recentTurns?: number;
  ranking?: Partial<RankingLimits>;
}

/** What prepare() has ready before the transcript arrives. */
interface Prepared {
  generation: number;
  memories: StoredMemory[];
  recent: HistoryTurn[];
}

const NOTHING: RankedMemories = { texts: [], relevant: [] };

export class LocalMemoryService implements MemoryService {
  readonly #options: MemoryServiceOptions;
  readonly #queue: ExtractionQueue;
  #snapshot: { generation: number; memories: StoredMemory[] } | null = null;

  constructor(options: MemoryServiceOptions) {
    this.#options = options;
    this.#queue = new ExtractionQueue({
      // Turns left from a run with memory on are not sent to the model while memory is off.
      extract: async (turns, signal) => (this.enabled ? options.extract(turns, signal) : []),
      onFacts: (facts, turns) => this.#remember(facts, turns),
      logger: options.logger,
      batchSize: options.batchSize,
      idleMs: options.idleMs,
      backlog: options.backlog,
    });
  }

  get enabled(): boolean {
    return this.#options.enabled?.() ?? true;
  }

  /** Number of extraction calls made so far. */
  get extractions(): number {
    return this.#queue.extractions;
  }

  prepare(): MemoryPreparation {
    this.#queue.interrupt(); // a turn is starting: background extraction must not hold Ollama now
    if (!this.enabled) return { ready: Promise.resolve(), finish: async () => NOTHING };
    const prepared = this.#prepare();
    return {
      ready: prepared.then(() => undefined),
      finish: async (transcript, signal) => this.#retrieve(await prepared, transcript, signal),
    };
  }

  /** The memories every prompt quotes first for now (memory-ranking.ts): prefilled with the prompt's stable start. */
  standing(): string[] {
    if (!this.enabled) return [];
    try {
      return standingMemories(this.#options.store.list(), { ...DEFAULT_RANKING_LIMITS, ...this.#options.ranking });
    } catch {
      return []; // the turn reads the store again and reports what is wrong
    }
  }

  afterTurn(turn: HistoryTurn): void {
    if (this.enabled) this.#queue.push(turn);
  }

  list(): MemoryFact[] {
    return this.#options.store.list();
  }

  add(text: string, kind?: MemoryKind): number {
    const id = this.#options.store.add(text, { kind: kind ?? classifyFact(text) });
    this.#changed();
    return id;
  }

  edit(id: number, text: string, kind?: MemoryKind): void {
    this.#options.store.edit(id, text, kind);
    this.#changed();
  }

  delete(id: number): boolean {
    const deleted = this.#options.store.delete(id);
    this.#changed();
    return deleted;
  }

  deleteAll(): number {
    const count = this.#options.store.deleteAll();
    this.#changed();
    return count;
  }

  /** Extracts the queued turns now (at quit, in tests). */
  flush(): Promise<void> {
    return this.#queue.flush();
  }

  dispose(): void {
    this.#queue.dispose();
  }

  async #prepare(): Promise<Prepared> {
    await Promise.resolve(); // prepare() itself returns at once
    const { store, history, embedder, logger } = this.#options;
    try {
      const generation = store.generation();
      if (this.#snapshot?.generation !== generation) this.#snapshot = { generation, memories: store.withEmbeddings() };
      const snapshot = this.#snapshot;
      const recent = history.recent(this.#options.recentTurns ?? 4);
      const unembedded = snapshot.memories.filter((m) => !m.embedding || m.embedderId !== embedder.id);
      if (unembedded.length > 0) {
        const vectors = await embedder.embed(unembedded.map((m) => m.text));
        vectors?.forEach((vector, i) => {
          const memory = unembedded[i]!;
          memory.embedding = vector;
          memory.embedderId = embedder.id;
          store.setEmbedding(memory.id, vector, embedder.id);
        });
      }
      return { generation, memories: snapshot.memories, recent };
    } catch (error) {
      logger.warn('Memories could not be loaded for this turn; answering without them.', { error: error instanceof Error ? error.message : String(error) });
      return { generation: -1, memories: [], recent: [] };
    }
  }

  async #retrieve(prepared: Prepared, transcript: string, signal?: AbortSignal): Promise<RankedMemories> {
    if (!this.enabled || prepared.memories.length === 0 || transcript.trim().length === 0) return NOTHING;
    const { embedder, retrievalCache } = this.#options;
    const language: Language = prepared.recent.at(-1)?.language ?? 'en';
    const query = retrievalQuery(transcript, prepared.recent);
    const key = SqliteRetrievalCache.key(prepared.generation, normalizeQuestion(query, language), embedder.id);
    const cached = retrievalCache?.get(key);
    if (cached) return cached;
    const vectors = await embedder.embed([query], signal);
    const result = rankMemories(
      { text: query, language, embedding: vectors?.[0] ?? null, embedderId: embedder.id },
      prepared.memories,
      { ...DEFAULT_RANKING_LIMITS, ...this.#options.ranking },
    );
    if (!signal?.aborted) retrievalCache?.put(key, result);
    return result;
  }

  async #remember(facts: string[], turns: readonly HistoryTurn[]): Promise<void> {
    if (!this.enabled) return;
    const { store, embedder } = this.#options;
    const language = turns.at(-1)?.language ?? 'en';
    const kept = store.list().map((m) => m.text);
    const fresh: string[] = [];
    for (const fact of facts) {
      // Checked here too: the extractor is passed in, and a fact is repeated on every later turn.
      if (isAcceptableFact(fact) && !isDuplicateFact(fact, [...kept, ...fresh], language)) fresh.push(fact);
    }
    if (fresh.length === 0) return;
    const vectors = await embedder.embed(fresh);
    fresh.forEach((fact, i) => {
      store.add(fact, { kind: classifyFact(fact), sourceTurnId: turns.at(-1)?.id ?? null, embedding: vectors?.[i] ?? null, embedderId: embedder.id });
    });
    this.#changed();
  }

  #changed(): void {
    this.#snapshot = null;
    this.#options.retrievalCache?.invalidate();
  }
}
