// `npm run wake`: runs the hands-free wake-word detector over a WAV file and lists what it heard.
//   --wav FILE, --json, --wake-word NAME|classifier.onnx, --threshold 0..1
import { createRequire } from 'node:module';
import { EarshotError, toErrorInfo } from '../../shared/errors';
import { loadUtterance } from '../core/audio/wav-input';
import { type WakeDetection, WakeDetector } from '../core/engines/wake/wake-detector';
import { packageWakeModelsDir, PRETRAINED_WAKE_LICENSE, PRETRAINED_WAKE_WORDS, wakeModelPaths } from '../core/engines/wake/wake-models';
import { loadWakeModels } from '../core/engines/wake/wake-onnx-models';
import { type CliIo, EXIT } from './cli-io';
import { parseCommand, usageError } from './command-args';

const OPTIONS = {
  wav: { type: 'string' },
  json: { type: 'boolean', default: false },
  'wake-word': { type: 'string', default: 'hey_jarvis' },
  threshold: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run --silent wake -- --wav FILE [options]
  --json                 print {"detections":[{"wakeWord","atMs","score"}]} (atMs from the file's start)
  --wake-word NAME|FILE  ${PRETRAINED_WAKE_WORDS.join(', ')} (default hey_jarvis), or an openWakeWord .onnx classifier
  --threshold N          score from 0 to 1 that counts as a detection (default 0.6)
`;

function parseThreshold(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new EarshotError('invalid_input', `--threshold takes a number between 0 and 1 (got "${value}").`);
  return n;
}

function describe(detection: WakeDetection): string {
  return `${detection.wakeWord} at ${(detection.atMs / 1000).toFixed(2)} s (score ${detection.score.toFixed(2)})`;
}

export async function runWakeCommand(argv: string[], io: CliIo, resolvePackage: (id: string) => string = createRequire(__filename).resolve): Promise<number> {
  const parsed = parseCommand(argv, OPTIONS, USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.wav) return usageError(io, 'Give the audio to listen to with --wav FILE.', USAGE);
  let threshold: number | undefined;
  try {
    threshold = parseThreshold(values.threshold);
  } catch (error) {
    return usageError(io, (error as Error).message, USAGE);
  }
  try {
    const paths = wakeModelPaths(packageWakeModelsDir(resolvePackage), values['wake-word']);
    const [models, audio] = await Promise.all([loadWakeModels(paths), loadUtterance(values.wav)]);
    const detector = await WakeDetector.create(models, { threshold });
    const detections = await detector.push(audio);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ detections })}\n`);
    } else {
      if (paths.classifier.pretrained) {
        io.stderr.write(`The "${paths.classifier.wakeWord}" model is openWakeWord's, licensed ${PRETRAINED_WAKE_LICENSE.name} (${PRETRAINED_WAKE_LICENSE.url}): non-commercial use only.\n`);
      }
      io.stdout.write(detections.length === 0 ? `No "${detector.wakeWord}" heard in ${values.wav}.\n` : `${detections.map(describe).join('\n')}\n`);
    }
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`${toErrorInfo(error).message}\n`);
    return EXIT.failed;
  }
}
