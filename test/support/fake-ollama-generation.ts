// The fake Ollama's /api/chat and /api/generate: a scripted reply streamed token by token as NDJSON
// (or in one answer with stream: false), with Ollama's final stats, keep_alive loading/unloading,
// and the scripted faults striking before or mid-stream. With a CPU model in the script, timing and
// prompt_eval_count follow it instead (fake-ollama-cpu-model.ts): one slot per model, queued.
import { approximateTokens, cancelledPrefill, chatPromptTokens, generatePromptTokens, type KvSlot } from './fake-ollama-cpu-model';
import type { FakeFault, FakeGeneration } from './fake-ollama-script';
import { type FakeRequestBody, type FakeRequestContext, pause, sendJson } from './fake-ollama-http';
import { withTag } from './fake-ollama-models';
import { splitIntoTokens, wordCount } from './fake-ollama-text';

export async function generate(context: FakeRequestContext, model: string, body: FakeRequestBody): Promise<void> {
  const { res, record, script } = context;
  const isChat = record.path === '/api/chat';
  const messages = Array.isArray(body.messages) ? (body.messages as { role: string; content: string }[]) : [];
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const options = (body.options ?? {}) as Record<string, unknown>;
  const request: FakeGeneration = { path: isChat ? '/api/chat' : '/api/generate', model, messages, prompt, options, index: context.nextGeneration() };
  const fault = typeof script.fault === 'function' ? script.fault(request) : script.fault;
  if (fault === 'http500') return sendJson(res, 500, { error: 'llama runner process has terminated: exit status 2' });
  if (fault === 'http503') return sendJson(res, 503, { error: 'server busy, please try again.  maximum pending requests exceeded' });

  const keepAlive = body.keep_alive;
  // Ollama parses a keep_alive string as a Go duration, a number as seconds.
  if (typeof keepAlive === 'string' && !/^-?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/.test(keepAlive)) {
    return sendJson(res, 400, { error: `time: missing unit in duration "${keepAlive}"` });
  }
  const unload = keepAlive === 0 || keepAlive === '0' || keepAlive === '0s';
  if (unload) context.loaded.delete(withTag(model));
  else context.loaded.set(withTag(model), new Date(Date.now() + 30 * 60_000).toISOString());
  const head = (done: boolean, text: string) => ({
    model,
    created_at: new Date().toISOString(),
    ...(isChat ? { message: { role: 'assistant', content: text } } : { response: text }),
    done,
  });
  // A model still loading holds back a load request's headers as it does a chat's.
  if (fault === 'slow-headers' && !(await pause(script.headersDelayMs, context.gone))) return;
  if (isChat ? messages.length === 0 : prompt === '') return sendJson(res, 200, { ...head(true, ''), done_reason: unload ? 'unload' : 'load' });
  if (script.cpu) {
    const slot = context.slot(withTag(model));
    const release = await slot.acquire();
    if (context.gone.aborted) return release(); // cancelled while queued: never evaluated, the cache untouched
    try {
      return await stream(context, model, body, request, fault, head, cpuTiming(context, request, body.options));
    } finally {
      const busyMs = afterCancel(context, slot);
      if (busyMs > 0) setTimeout(release, busyMs);
      else release();
    }
  }
  const limit = typeof options.num_predict === 'number' && options.num_predict > 0 ? options.num_predict : Infinity;
  const promptTokens = script.stats.prompt_eval_count ?? messages.reduce((sum, m) => sum + wordCount(m.content) + 4, wordCount(prompt));
  return stream(context, model, body, request, fault, head, {
    limit,
    promptTokens,
    firstTokenDelayMs: () => script.firstTokenDelayMs,
    tokenDelayMs: () => script.perTokenDelayMs,
    generated: () => undefined,
    finished: () => undefined,
  });
}

/**
 * A client gone mid-prefill: the slot keeps the batches evaluated (the batch under way included) and
 * stays busy until that batch is done. Returns how long it stays busy.
 */
function afterCancel(context: FakeRequestContext, slot: KvSlot): number {
  const { record, script } = context;
  const cpu = record.cpu;
  if (!cpu || record.abortedAt === null || !script.cpu) return 0;
  const cancelled = cancelledPrefill(cpu.evaluated, record.abortedAt - cpu.slotAt, script.cpu.prefillMsPerToken);
  if (!cancelled) return 0;
  slot.keepFirst(cpu.promptTokens - cpu.evaluated + cancelled.kept);
  return cancelled.busyMs;
}

/** How one generation is timed and counted: the script's fixed delays, or the CPU model. */
interface GenerationTiming {
  limit: number;
  promptTokens: number;
  firstTokenDelayMs: (token: string) => number;
  tokenDelayMs: (token: string) => number;
  /** Told each token sent. */
  generated: (token: string) => void;
  /** Told when the reply ended by itself (not cut by num_predict or a client gone). */
  finished: () => void;
}

function cpuTiming(context: FakeRequestContext, request: FakeGeneration, options: unknown): GenerationTiming {
  const cpu = context.script.cpu!;
  const slot: KvSlot = context.slot(withTag(request.model));
  const prompt = request.path === '/api/chat' ? chatPromptTokens(request.messages) : generatePromptTokens(request.prompt);
  const evaluated = slot.startPrompt(prompt);
  const prefillMs = evaluated * cpu.prefillMsPerToken;
  context.record.cpu = { promptTokens: prompt.length, evaluated, prefillMs, slotAt: performance.now() };
  const numPredict = (options as { num_predict?: unknown } | undefined)?.num_predict;
  const cost = (token: string) => approximateTokens(token).length * cpu.decodeMsPerToken;
  return {
    // num_predict 0 asks for the prompt to be evaluated and nothing generated (a prefix warm-up).
    limit: typeof numPredict === 'number' && numPredict >= 0 ? numPredict : Infinity,
    promptTokens: evaluated,
    // The prefill's last logits give the first token; each further token costs one decode step.
    firstTokenDelayMs: (token) => prefillMs + Math.max(0, cost(token) - cpu.decodeMsPerToken),
    tokenDelayMs: cost,
    generated: (token) => slot.generated(approximateTokens(token)),
    finished: () => slot.generated(['<|eot_id|>']),
  };
}

async function stream(
  context: FakeRequestContext,
  model: string,
  body: FakeRequestBody,
  request: FakeGeneration,
  fault: FakeFault | null,
  head: (done: boolean, text: string) => Record<string, unknown>,
  timing: GenerationTiming,
): Promise<void> {
  const { res, record, script, gone } = context;
  const isChat = request.path === '/api/chat';
  const all = splitIntoTokens(typeof script.reply === 'function' ? script.reply(request) : script.reply);
  const tokens = all.slice(0, timing.limit);
  const promptTokens = timing.promptTokens;
  const started = performance.now();
  let firstAt = started;
  const final = () => ({
    ...head(true, ''),
    done_reason: tokens.length < all.length ? 'length' : 'stop',
    ...(isChat ? {} : { context: tokens.map((_, i) => 1000 + i) }),
    total_duration: Math.round((performance.now() - started) * 1e6),
    load_duration: script.stats.load_duration ?? 1_000_000,
    prompt_eval_count: promptTokens,
    prompt_eval_duration: script.stats.prompt_eval_duration ?? Math.round((firstAt - started) * 1e6),
    eval_count: tokens.length,
    eval_duration: script.stats.eval_duration ?? Math.round((performance.now() - firstAt) * 1e6),
  });

  const ended = () => {
    if (tokens.length === all.length) timing.finished();
  };
  if (body.stream === false) {
    const firstDelay = tokens.length === 0 ? (timing.limit === 0 ? timing.firstTokenDelayMs('') : 0) : timing.firstTokenDelayMs(tokens[0] ?? '');
    const wait = firstDelay + tokens.slice(1).reduce((sum, token) => sum + timing.tokenDelayMs(token), 0);
    if (!(await pause(wait, gone))) return;
    firstAt = started + firstDelay;
    tokens.forEach((token) => timing.generated(token));
    ended();
    const text = tokens.join('');
    return sendJson(res, 200, { ...final(), ...(isChat ? { message: { role: 'assistant', content: text } } : { response: text }) });
  }

  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', Date: new Date().toUTCString() });
  res.flushHeaders();
  if (fault === 'never-first-token') return; // headers sent, then silence until the client leaves
  // A cut waits until the tokens already written have left, so the client really has them.
  let written = Promise.resolve();
  const cut = async () => {
    await written;
    res.socket?.destroy();
  };
  // A prefill-only request still takes its prefill before it answers.
  if (tokens.length === 0 && timing.limit === 0 && !(await pause(timing.firstTokenDelayMs(''), gone))) return;
  for (const [i, token] of tokens.entries()) {
    if (!(await pause(i === 0 ? timing.firstTokenDelayMs(token) : timing.tokenDelayMs(token), gone))) return;
    timing.generated(token);
    if (i === 0) firstAt = performance.now();
    if (i === script.faultAfterTokens && fault === 'cut-mid-stream') return cut();
    if (i === script.faultAfterTokens && fault === 'stall-mid-stream') return; // connection open, nothing more
    if (i === script.faultAfterTokens && fault === 'malformed-ndjson') res.write(`{"model":"${model}","message":{"role":"assis\n`);
    written = new Promise((resolve) => res.write(`${JSON.stringify(head(false, token))}\n`, () => resolve()));
    record.tokensSentAt.push(performance.now());
  }
  if (fault === 'cut-mid-stream') return cut();
  ended();
  res.end(`${JSON.stringify(final())}\n`);
}
