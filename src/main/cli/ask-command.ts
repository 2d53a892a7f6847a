// `npm run ask`: one turn through the same core as the app, headless.
//   --text "question" | --wav file.wav, --json, --no-speech, --no-cache, --out reply.wav,
//   --llm-host URL, --llm-model NAME, --llm-timeout MS, --data-dir DIR, --models-dir DIR
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ErrorInfo, EarshotError, toErrorInfo } from '../../shared/errors';
import type { TurnResult } from '../../shared/turn';
import { encodeWav16 } from '../core/audio/wav-codec';
import { loadUtterance } from '../core/audio/wav-input';
import { AudioCollector } from '../core/audio/audio-collector';
import { resolvePaths } from '../core/platform/paths';
import { openRuntime } from '../core/runtime/runtime';
import { type CliIo, EXIT } from './cli-io';
import { terminalSafeIo } from './terminal-text';
import { handsFreeTurn } from './hands-free-turn';

const OPTIONS = {
  text: { type: 'string' },
  wav: { type: 'string' },
  json: { type: 'boolean', default: false },
  'no-speech': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  out: { type: 'string' },
  'llm-host': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-timeout': { type: 'string' },
  'data-dir': { type: 'string' },
  'models-dir': { type: 'string' },
  'hands-free': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent ask -- (--text "question" | --wav utterance.wav) [options]
  --json               print one JSON object: transcript, reply, cache, marks, error
  --no-speech          skip text-to-speech
  --no-cache           bypass the response cache
  --out reply.wav      write the spoken reply
  --llm-host URL       Ollama (else OLLAMA_HOST, else http://127.0.0.1:11434)
  --llm-model NAME     chat model
  --llm-timeout MS     time allowed for the first token
  --data-dir DIR       settings and databases
  --models-dir DIR     speech models
  --hands-free         the WAV starts with the wake word; the end of speech ends the question
`;

interface AskJson {
  transcript: string;
  reply: string;
  cache: { response: 'hit' | 'miss' | 'off' };
  marks: TurnResult['marks'];
  error: ErrorInfo | null;
  /** Problems that did not stop the turn (the audio cap); present only when there were some. */
  warnings?: ErrorInfo[];
  /** The documents the reply drew on; present only when some were used. */
  sources?: TurnResult['sources'];
}

function parse(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return { help: true as const, values };
  if ((values.text === undefined) === (values.wav === undefined)) {
    throw new EarshotError('invalid_input', 'Give exactly one of --text "question" or --wav file.wav.');
  }
  if (values.out && values['no-speech']) throw new EarshotError('invalid_input', '--out needs speech; drop --no-speech.');
  let timeoutMs: number | undefined;
  if (values['llm-timeout'] !== undefined) {
    timeoutMs = Number(values['llm-timeout']);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
      throw new EarshotError('invalid_input', '--llm-timeout takes a whole number of milliseconds (1 to 600000).');
    }
  }
  return { help: false as const, values, timeoutMs };
}

export async function runAskCommand(argv: string[], terminalIo: CliIo): Promise<number> {
  const io = terminalSafeIo(terminalIo);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`${error instanceof EarshotError ? error.message : (error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const { values, timeoutMs } = args;
  const json = values.json;
  const fail = (info: ErrorInfo, partial?: Partial<AskJson>): number => {
    if (json) io.stdout.write(`${JSON.stringify({ transcript: '', reply: '', cache: { response: 'off' }, marks: {}, ...partial, error: info })}\n`);
    io.stderr.write(`${info.message}\n`);
    return EXIT.failed;
  };

  let runtime: Awaited<ReturnType<typeof openRuntime>> | null = null;
  try {
    const audio = values.wav !== undefined ? await loadUtterance(values.wav) : null;
    runtime = await openRuntime({
      paths: resolvePaths({ dataDir: values['data-dir'], modelsDir: values['models-dir'], env: io.env }),
      env: io.env,
      overrides: { llmHost: values['llm-host'], llmModel: values['llm-model'], llmTimeoutMs: timeoutMs },
      warmCaches: false,
      resourcesDir: io.resourcesDir ?? join(__dirname, '..', '..', '..', 'resources'),
    });
    if (runtime.notice) io.stderr.write(`${runtime.notice}\n`);
    const { assistant } = runtime;
    const speech = !values['no-speech'];
    const options = { speech, cache: !values['no-cache'] };
    const collector = new AudioCollector();
    const errors: ErrorInfo[] = [];
    const stopListening = assistant.onEvent((event) => {
      if (event.type === 'audio') collector.add(event.samples, event.sampleRate);
      if (event.type === 'token' && !json) io.stdout.write(event.text);
      if (event.type === 'error') errors.push(event.error);
    });
    // A history write that fails is told as an error notice; a turn nobody could save must not look fine.
    const saveProblems: string[] = [];
    const stopNotices = runtime.onNotice((notice) => {
      if (notice.level === 'error') saveProblems.push(notice.message);
    });
    const cancelOnSignal = () => assistant.cancel();
    io.signal?.addEventListener('abort', cancelOnSignal, { once: true });

    let result: TurnResult;
    let turnId = '';
    if (audio && values['hands-free']) {
      // The hands-free controller begins its own turns; the first it begins is the one answered here.
      const stopWatching = assistant.onEvent((event) => {
        if (turnId === '') turnId = event.turnId;
      });
      result = await handsFreeTurn(assistant, audio, runtime.settings.get().listening, options);
      stopWatching();
    } else if (audio) {
      turnId = assistant.beginTurn(options);
      for (let i = 0; i < audio.length; i += 1600) assistant.pushAudio(turnId, audio.subarray(i, i + 1600));
      result = await assistant.endTurn(turnId);
    } else {
      const asked = assistant.askText(values.text ?? '', options);
      turnId = asked.turnId;
      result = await asked.result;
    }
    stopListening();
    await assistant.idle();
    stopNotices();
    const notSaved = result.transcript !== '' && !runtime.history(50).some((h) => h.id === turnId) ? notSavedError(saveProblems, runtime.notices) : null;

    if (!json && result.reply !== '') io.stdout.write('\n');
    if (values.out && result.reply !== '' && !collector.empty) {
      const { samples, sampleRate } = collector.join();
      await writeOut(values.out, encodeWav16(samples, sampleRate));
    }
    // A reply written but not spoken because no voice is installed still answers the question:
    // the missing voice is a warning, unless a WAV of the reply was asked for.
    if (result.error?.code === 'tts_model_missing' && result.reply !== '' && !values.out) result = { ...result, error: null };
    // An error event that did not end the turn (e.g. only the first 120 s of a long WAV were used).
    const warnings = errors.filter((e) => e.code !== result.error?.code || e.message !== result.error?.message);
    if (notSaved) warnings.push(notSaved);
    for (const warning of warnings) io.stderr.write(`${warning.message}\n`);
    if (json) {
      const body: AskJson = { transcript: result.transcript, reply: result.reply, cache: result.cache, marks: result.marks, error: result.error };
      if (warnings.length > 0) body.warnings = warnings;
      if (result.sources) body.sources = result.sources;
      io.stdout.write(`${JSON.stringify(body)}\n`);
    }
    if (result.error) {
      io.stderr.write(`${result.error.message}\n`);
      return result.error.code === 'cancelled' ? EXIT.interrupted : EXIT.failed;
    }
    return notSaved ? EXIT.failed : EXIT.ok;
  } catch (error) {
    return fail(toErrorInfo(error));
  } finally {
    await runtime?.close();
  }
}

/** Why the turn is missing from history: the failed write's notice, else the database notice from the start. */
function notSavedError(saveProblems: readonly string[], startupNotices: readonly string[]): ErrorInfo {
  const why = saveProblems[0] ?? startupNotices.find((n) => /database|earshot\.db|history|disk/i.test(n)) ?? 'the conversation history is not available.';
  return { code: 'storage_failed', message: `This turn was not saved to the conversation history. ${why}` };
}

async function writeOut(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new EarshotError('disk_full', `The disk is full — ${path} was not written.`);
    throw new EarshotError('storage_failed', `Cannot write ${path} (${code ?? (error as Error).message}).`);
  }
}
