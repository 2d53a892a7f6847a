// A stand-in Piper voice folder that sherpa-onnx-node really loads and runs, laid out like
// sherpa-onnx's vits-piper-* releases: `<voice>.onnx` (inputs input int64 [1, N], input_lengths
// int64 [1], scales float [3] → output float [1, 1, T], with the metadata sherpa-onnx reads for
// Piper models), `tokens.txt` (espeak-ng IPA symbols → ids) and an `espeak-ng-data/` holding the
// parts of the system's espeak-ng-data package (Debian's works with sherpa's bundled espeak-ng)
// that English and Portuguese need. The graph plays a short tone per phoneme id, each lasting
// `msPerId × length_scale`, so longer text gives longer audio and speed changes duration.
import { access, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { attr, floatTensor, int64Tensor, node, value, writeModel, type GraphSpec, type NodeSpec } from './onnx-graph';

export type StandInLanguage = 'en' | 'pt';

export interface PiperStandInOptions {
  language: StandInLanguage;
  /** Hz; 16000 when omitted (what the "low" Piper voices use). */
  sampleRate?: number;
  /** Tone length per phoneme id at speed 1; 30 ms when omitted. */
  msPerId?: number;
  /** espeak-ng-data to copy from; found among the usual system locations when omitted. */
  espeakDataSource?: string;
  /** Overrides the espeak-ng voice in the metadata (e.g. one espeak-ng lacks, to make generation fail). */
  espeakVoice?: string;
  /**
   * Adds this many bytes of float weights that the graph really reads (summed, times zero, into
   * the output), so loading costs about what a real voice of that size costs. 0 when omitted.
   */
  weightBytes?: number;
  /**
   * Rewrites the finished graph (whose output is the tone) before it is written: for a stand-in
   * that also computes what a real voice of some size computes (piper-low-stand-in.ts).
   */
  transformGraph?: (graph: GraphSpec) => GraphSpec;
}

export interface PiperStandIn {
  dir: string;
  modelPath: string;
  tokensPath: string;
  dataDir: string;
  sampleRate: number;
  /** Samples one phoneme id lasts at speed 1. */
  samplesPerId: number;
}

/** Where Debian/Ubuntu (apt install espeak-ng-data) and Homebrew put the data. */
export const ESPEAK_DATA_LOCATIONS = [
  '/usr/lib/x86_64-linux-gnu/espeak-ng-data',
  '/usr/lib/aarch64-linux-gnu/espeak-ng-data',
  '/usr/share/espeak-ng-data',
  '/usr/local/share/espeak-ng-data',
  '/opt/homebrew/share/espeak-ng-data',
];

/** The espeak-ng voice definitions the stand-ins use (espeak-ng ≥ 1.49 layout). */
const VOICE_FILES = ['lang/gmw/en-US', 'lang/roa/pt-BR'];

const VOICES: Record<StandInLanguage, { language: string; voice: string; file: string }> = {
  en: { language: 'English', voice: 'en-us', file: 'en_US-standin-low.onnx' },
  pt: { language: 'Portuguese', voice: 'pt-br', file: 'pt_BR-standin-low.onnx' },
};

// Piper's special symbols first (pad, bos, eos, word gap), then punctuation, letters and the IPA
// symbols espeak-ng emits for English and Portuguese, plus stress, length and nasalization marks.
const SYMBOLS = [
  '_', '^', '$', ' ',
  ...'!\'(),-.:;?',
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɝɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲ',
  ...'ˈˌːˑ˞βθχᵻⱱ',
  '\u0303', // combining tilde: Portuguese nasal vowels
  '\u0329', // combining vertical line below: syllabic consonants
  ...'ʰʷˠˤ↓↑→↗↘',
];

/** tokens.txt text: one `symbol id` line each; the space symbol is written as a bare id. */
export function piperTokensText(): string {
  return SYMBOLS.map((s, id) => (s === ' ' ? ` ${id}` : `${s} ${id}`)).join('\n') + '\n';
}

export async function findEspeakData(candidates: readonly string[] = ESPEAK_DATA_LOCATIONS): Promise<string> {
  for (const dir of candidates) {
    try {
      await access(join(dir, 'phontab'));
      return dir;
    } catch {
      // try the next location
    }
  }
  throw new Error(
    `espeak-ng-data not found in ${candidates.join(', ')} — install it with \`apt-get install espeak-ng-data\``,
  );
}

/** Writes a loadable Piper voice folder at `dir` (created if needed). */
export async function writePiperStandIn(dir: string, options: PiperStandInOptions): Promise<PiperStandIn> {
  const sampleRate = options.sampleRate ?? 16_000;
  const samplesPerId = Math.round((sampleRate * (options.msPerId ?? 30)) / 1000);
  const voice = VOICES[options.language];
  await mkdir(dir, { recursive: true });

  const modelPath = join(dir, voice.file);
  await writeModel(modelPath, {
    graph: (options.transformGraph ?? ((g: GraphSpec) => g))(withWeights(toneGraph(sampleRate, samplesPerId), options.weightBytes ?? 0)),
    metadata: {
      model_type: 'vits',
      comment: 'piper',
      language: voice.language,
      voice: options.espeakVoice ?? voice.voice,
      has_espeak: '1',
      n_speakers: '1',
      sample_rate: String(sampleRate),
    },
  });

  const tokensPath = join(dir, 'tokens.txt');
  await writeFile(tokensPath, piperTokensText(), 'utf8');

  const dataDir = join(dir, 'espeak-ng-data');
  await copyEspeakData(options.espeakDataSource ?? (await findEspeakData()), dataDir);
  return { dir, modelPath, tokensPath, dataDir, sampleRate, samplesPerId };
}

/**
 * The phoneme tables, voice definitions and the English and Portuguese dictionaries (~1 MB).
 * Both dictionaries, whatever the voice's language: sherpa-onnx initialises espeak-ng once per
 * process, from the first voice it loads, and every later voice phonemizes with that data.
 */
async function copyEspeakData(source: string, target: string): Promise<void> {
  const entries = ['phontab', 'phonindex', 'phondata', 'intonations', 'en_dict', 'pt_dict', ...VOICE_FILES];
  await Promise.all(
    entries.map(async (entry) => {
      await mkdir(dirname(join(target, entry)), { recursive: true });
      await copyFile(join(source, entry), join(target, entry));
    }),
  );
}

/**
 * output[0, 0, t] = 0.3 · sin(2π · f(id) · τ / sampleRate), where id is the phoneme id playing at
 * sample t, τ the time since that id started, f(id) = 200 Hz + 15 Hz · id, and each id lasts
 * max(1, floor(samplesPerId · length_scale)) samples (length_scale = scales[1] = 1 / speed).
 */
function toneGraph(sampleRate: number, samplesPerId: number): GraphSpec {
  const nodes: NodeSpec[] = [
    node('Shape', ['input'], ['input_shape']),
    node('Gather', ['input_shape', 'one_i'], ['n_ids']),
    node('Gather', ['scales', 'one_i'], ['length_scale']),
    node('Mul', ['length_scale', 'samples_per_id_f'], ['span_raw']),
    node('Floor', ['span_raw'], ['span_floor']),
    node('Max', ['span_floor', 'one_f'], ['span_f']),
    node('Cast', ['span_f'], ['span'], { to: attr.int(7) }),
    node('Mul', ['n_ids', 'span'], ['total']),
    node('Range', ['zero_i', 'total', 'one_i'], ['t']),
    node('Div', ['t', 'span'], ['slot']),
    node('Mul', ['slot', 'span'], ['slot_start']),
    node('Sub', ['t', 'slot_start'], ['tau_i']),
    node('Cast', ['tau_i'], ['tau'], { to: attr.int(1) }),
    node('Reshape', ['input', 'flat_shape'], ['ids']),
    node('Gather', ['ids', 'slot'], ['id_at_t']),
    node('Cast', ['id_at_t'], ['id_f'], { to: attr.int(1) }),
    node('Mul', ['id_f', 'hz_per_id'], ['id_hz']),
    node('Add', ['id_hz', 'base_hz'], ['hz']),
    node('Mul', ['hz', 'tau'], ['cycles']),
    node('Mul', ['cycles', 'radians_per_cycle_sample'], ['phase']),
    node('Sin', ['phase'], ['wave']),
    node('Mul', ['wave', 'amplitude'], ['scaled']),
    node('Reshape', ['scaled', 'out_shape'], ['output']),
  ];
  return {
    name: 'piper_stand_in',
    inputs: [
      value('input', 'int64', [1, 'phonemes']),
      value('input_lengths', 'int64', [1]),
      value('scales', 'float32', [3]),
    ],
    outputs: [value('output', 'float32', [1, 1, 'samples'])],
    nodes,
    initializers: [
      int64Tensor('zero_i', [], [0]),
      int64Tensor('one_i', [], [1]),
      floatTensor('one_f', [], [1]),
      floatTensor('samples_per_id_f', [], [samplesPerId]),
      int64Tensor('flat_shape', [1], [-1]),
      int64Tensor('out_shape', [3], [1, 1, -1]),
      floatTensor('hz_per_id', [], [15]),
      floatTensor('base_hz', [], [200]),
      floatTensor('radians_per_cycle_sample', [], [(2 * Math.PI) / sampleRate]),
      floatTensor('amplitude', [], [0.3]),
    ],
  };
}

/** Adds `bytes` of weights to the graph: output = tone + 0 · sum(weights). */
function withWeights(graph: GraphSpec, bytes: number): GraphSpec {
  const count = Math.floor(bytes / 4);
  if (count === 0) return graph;
  const weights = new Float32Array(count);
  for (let i = 0; i < count; i++) weights[i] = (i % 1000) / 1000;
  const nodes = graph.nodes.map((n) => (n.outputs[0] === 'output' ? { ...n, outputs: ['tone'] } : n));
  return {
    ...graph,
    nodes: [
      ...nodes,
      node('Identity', ['weights'], ['weights_used']),
      node('ReduceSum', ['weights_used'], ['weights_sum'], { keepdims: attr.int(0) }),
      node('Mul', ['weights_sum', 'zero_f'], ['nothing']),
      node('Add', ['tone', 'nothing'], ['output']),
    ],
    initializers: [
      ...(graph.initializers ?? []),
      { name: 'weights', type: 'float32', dims: [count], values: weights },
      floatTensor('zero_f', [], [0]),
    ],
  };
}
