// Finds and checks a Piper voice folder (sherpa-onnx's vits-piper packaging: one `*.onnx`,
// `tokens.txt`, `espeak-ng-data/`) before sherpa-onnx loads it. A missing folder or file is
// tts_model_missing with the command that fetches the voice; a file sherpa-onnx would choke on
// (and, for some faults, end the process over) is tts_model_corrupt naming the file.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EarshotError } from '../../../../shared/errors';
import { MODEL_ID_PATTERN } from '../../../../shared/settings';
import { readOnnxHeader } from '../onnx-metadata';
import {
  checkEspeakDictionary,
  checkPhondataHeader,
  checkPhonemeTables,
  checkPiperMetadata,
  checkPiperTokens,
  ESPEAK_REQUIRED_FILES,
  espeakDictionaryFor,
  type PiperModelInfo,
} from './piper-voice-check';

export interface PiperVoiceFiles {
  id: string;
  dir: string;
  model: string;
  tokens: string;
  dataDir: string;
  info: PiperModelInfo;
  /** Problems that do not stop the voice from loading but make it sound wrong. */
  warnings: string[];
}

export function fetchHint(voiceId: string): string {
  return `\`npm run models -- fetch ${voiceId}\``;
}

function missing(voiceId: string, modelsDir: string, what?: string): EarshotError {
  const detail = what ? ` (${what} is missing)` : '';
  return new EarshotError(
    'tts_model_missing',
    `Voice "${voiceId}" not found in ${modelsDir}${detail} — run ${fetchHint(voiceId)}`,
    { params: what ? { variant: 'fileMissing', id: voiceId, dir: modelsDir, file: what } : { id: voiceId, dir: modelsDir } },
  );
}

export function corrupt(voiceId: string, file: string, problem: string): EarshotError {
  return new EarshotError(
    'tts_model_corrupt',
    `Voice "${voiceId}" cannot be used: ${file} is damaged (${problem}) — delete the folder and re-download the voice with ${fetchHint(voiceId)}`,
    { params: { id: voiceId, file } },
  );
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

async function fileSize(path: string): Promise<number | null> {
  const s = await stat(path).catch(() => null);
  return s?.isFile() ? s.size : null;
}

/** The voice's model: the only `.onnx`, or the one named like the voice when there are several. */
function pickModel(voiceId: string, names: string[]): string | undefined {
  const onnx = names.filter((n) => n.endsWith('.onnx')).sort();
  if (onnx.length <= 1) return onnx[0];
  const stem = voiceId.replace(/^(vits-)?piper-/, '');
  return onnx.find((n) => n === `${stem}.onnx`) ?? onnx.find((n) => !n.includes('int8')) ?? onnx[0];
}

/** Locates `<modelsDir>/<voiceId>/` and checks every file sherpa-onnx will read. */
export async function resolvePiperVoice(modelsDir: string, voiceId: string): Promise<PiperVoiceFiles> {
  if (!MODEL_ID_PATTERN.test(voiceId)) {
    throw new EarshotError('invalid_input', `"${voiceId}" is not a voice id — pick a voice in Settings.`);
  }
  const dir = join(modelsDir, voiceId);
  if (!(await isDirectory(dir))) throw missing(voiceId, modelsDir);

  const modelName = pickModel(voiceId, await readdir(dir));
  if (!modelName) throw missing(voiceId, modelsDir, 'the .onnx model');
  const model = join(dir, modelName);
  const tokens = join(dir, 'tokens.txt');
  const dataDir = join(dir, 'espeak-ng-data');
  if ((await fileSize(tokens)) === null) throw missing(voiceId, modelsDir, 'tokens.txt');
  if (!(await isDirectory(dataDir))) throw missing(voiceId, modelsDir, 'espeak-ng-data/');
  for (const name of ESPEAK_REQUIRED_FILES) {
    const size = await fileSize(join(dataDir, name));
    if (size === null) throw missing(voiceId, modelsDir, `espeak-ng-data/${name}`);
    if (size === 0) throw corrupt(voiceId, join(dataDir, name), 'the file is empty');
  }

  const header = await readOnnxHeader(model);
  if (!header.ok) throw corrupt(voiceId, model, `not an ONNX model: ${header.problem}`);
  if (!header.header.hasGraph) throw corrupt(voiceId, model, 'the ONNX file has no graph');
  const checked = checkPiperMetadata(header.header.metadata);
  if (!checked.ok) throw corrupt(voiceId, model, checked.problem);

  const tokenCheck = checkPiperTokens(await readFile(tokens));
  if (!tokenCheck.ok) throw corrupt(voiceId, tokens, tokenCheck.problem);

  await checkEspeakData(voiceId, dataDir);
  const warnings: string[] = [];
  const dictionary = espeakDictionaryFor(checked.value.espeakVoice);
  const dictionaryPath = join(dataDir, dictionary);
  if ((await fileSize(dictionaryPath)) === null) {
    warnings.push(`espeak-ng-data/${dictionary} is missing: "${checked.value.espeakVoice}" text will be mispronounced`);
  } else {
    const dictCheck = checkEspeakDictionary(await readFile(dictionaryPath));
    if (!dictCheck.ok) throw corrupt(voiceId, dictionaryPath, dictCheck.problem);
  }
  return { id: voiceId, dir, model, tokens, dataDir, info: checked.value, warnings };
}

/** The phonemizer's own data, which espeak-ng reads without bounds checks (piper-voice-check.ts). */
async function checkEspeakData(voiceId: string, dataDir: string): Promise<void> {
  const phondata = join(dataDir, 'phondata');
  const file = await open(phondata, 'r');
  let head: Uint8Array;
  try {
    const buffer = new Uint8Array(8);
    const { bytesRead } = await file.read(buffer, 0, 8, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
  const version = checkPhondataHeader(head);
  if (!version.ok) throw corrupt(voiceId, phondata, version.problem);
  const phontab = join(dataDir, 'phontab');
  const tables = checkPhonemeTables(await readFile(phontab), (await fileSize(join(dataDir, 'phonindex'))) ?? 0);
  if (!tables.ok) throw corrupt(voiceId, phontab, tables.problem);
}
