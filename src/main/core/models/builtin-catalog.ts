// The models Earshot knows out of the box. Folder layouts are agreed with the engines:
// - Whisper: the Hugging Face optimum / onnx-community export (config + tokenizer JSON at the root,
//   encoder and merged decoder under onnx/). Plain ids are int8 (fastest on a laptop CPU); `-fp32`
//   ids hold the full-precision weights.
// - Piper voices: sherpa-onnx's vits-piper packaging (one .onnx, tokens.txt, espeak-ng-data/),
//   shipped as a .tar.bz2 with one top folder.
// - Silero VAD ships inside @ricky0123/vad-web: nothing to fetch.
// Sizes here are estimates read off the hosting pages (exactSize false) and no sha256 is pinned:
// neither could be checked from the machines this was written on, which have no internet. So every
// downloaded entry here is unverified (isEntryPinned is false, and the model list says so). What
// still guards them: https only, redirects only to the hosts' own CDNs named below, a byte cap from
// the estimate, the test load, and the hashes the manifest records at install time (see
// installed-manifest.ts). Pin sha256 and exactSize per file when they can be read from the hosts.
import type { CatalogEntryInput, DefaultRole } from './catalog-schema';

const HF = 'https://huggingface.co';
const SHERPA_TTS_RELEASE = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/tts-models';
/** Where Hugging Face sends large files (LFS and Xet storage). */
const HF_CDN_HOSTS = ['.huggingface.co', '.hf.co'];
/** Where GitHub sends release assets. */
const GITHUB_ASSET_HOSTS = ['objects.githubusercontent.com', 'release-assets.githubusercontent.com'];

type WhisperSize = 'tiny' | 'base' | 'small';

/** Estimated bytes per file of the onnx-community export. */
const WHISPER_ONNX_BYTES: Record<WhisperSize, { encoder: number; decoder: number; encoderInt8: number; decoderInt8: number }> = {
  tiny: { encoder: 32_900_000, decoder: 118_900_000, encoderInt8: 10_100_000, decoderInt8: 30_700_000 },
  base: { encoder: 82_400_000, decoder: 208_000_000, encoderInt8: 23_200_000, decoderInt8: 53_100_000 },
  small: { encoder: 353_000_000, decoder: 615_000_000, encoderInt8: 96_400_000, decoderInt8: 157_000_000 },
};

const WHISPER_SPEED: Record<WhisperSize, string> = {
  tiny: 'fastest, least accurate',
  base: 'fast and accurate enough for short commands',
  small: 'most accurate here, several times slower than base',
};

function whisperEntry(size: WhisperSize, englishOnly: boolean, variant: 'int8' | 'fp32', defaultFor: DefaultRole[] = []): CatalogEntryInput {
  const name = `whisper-${size}${englishOnly ? '.en' : ''}`;
  const repo = `${HF}/onnx-community/${name}/resolve/main`;
  const bytes = WHISPER_ONNX_BYTES[size];
  const suffix = variant === 'int8' ? '_int8' : '';
  return {
    id: variant === 'int8' ? name : `${name}-fp32`,
    kind: 'stt',
    languages: englishOnly ? ['en'] : ['en', 'pt'],
    description: `Whisper ${size}${englishOnly ? ' (English only)' : ' (multilingual)'}, ${variant}: ${WHISPER_SPEED[size]}.`,
    license: 'MIT',
    variant,
    defaultFor,
    files: [
      { path: 'config.json', url: `${repo}/config.json`, sizeBytes: 2_300, redirectHosts: HF_CDN_HOSTS },
      { path: 'generation_config.json', url: `${repo}/generation_config.json`, sizeBytes: 3_800, redirectHosts: HF_CDN_HOSTS },
      { path: 'preprocessor_config.json', url: `${repo}/preprocessor_config.json`, sizeBytes: 340, redirectHosts: HF_CDN_HOSTS },
      { path: 'tokenizer.json', url: `${repo}/tokenizer.json`, sizeBytes: englishOnly ? 2_410_000 : 2_480_000, redirectHosts: HF_CDN_HOSTS },
      {
        path: `onnx/encoder_model${suffix}.onnx`,
        url: `${repo}/onnx/encoder_model${suffix}.onnx`,
        sizeBytes: variant === 'int8' ? bytes.encoderInt8 : bytes.encoder,
        redirectHosts: HF_CDN_HOSTS,
      },
      {
        path: `onnx/decoder_model_merged${suffix}.onnx`,
        url: `${repo}/onnx/decoder_model_merged${suffix}.onnx`,
        sizeBytes: variant === 'int8' ? bytes.decoderInt8 : bytes.decoder,
        redirectHosts: HF_CDN_HOSTS,
      },
    ],
  };
}

function piperEntry(voice: string, languages: string[], description: string, sizeBytes: number, defaultFor: DefaultRole[] = []): CatalogEntryInput {
  const archive = `vits-piper-${voice}.tar.bz2`;
  return {
    id: `piper-${voice}`,
    kind: 'tts',
    languages,
    description,
    license: 'MIT (voice); dataset terms in the voice MODEL_CARD',
    defaultFor,
    files: [{ path: archive, url: `${SHERPA_TTS_RELEASE}/${archive}`, sizeBytes, redirectHosts: GITHUB_ASSET_HOSTS, extract: { format: 'tar.bz2', stripComponents: 1 } }],
  };
}

export const BUILTIN_CATALOG: readonly CatalogEntryInput[] = [
  whisperEntry('tiny', false, 'int8'),
  whisperEntry('tiny', true, 'int8'),
  whisperEntry('base', false, 'int8', ['stt']),
  whisperEntry('base', true, 'int8'),
  whisperEntry('small', false, 'int8'),
  whisperEntry('small', true, 'int8'),
  whisperEntry('tiny', false, 'fp32'),
  whisperEntry('tiny', true, 'fp32'),
  whisperEntry('base', false, 'fp32'),
  whisperEntry('base', true, 'fp32'),
  whisperEntry('small', false, 'fp32'),
  whisperEntry('small', true, 'fp32'),
  piperEntry('en_US-amy-low', ['en'], 'Piper US English voice "amy", low quality: the fastest English voice.', 63_500_000, ['tts-en']),
  piperEntry('en_US-lessac-medium', ['en'], 'Piper US English voice "lessac", medium quality: clearer, a little slower.', 64_000_000),
  piperEntry('pt_BR-faber-medium', ['pt'], 'Piper Brazilian Portuguese voice "faber", medium quality.', 64_000_000, ['tts-pt']),
  {
    id: 'silero-vad',
    kind: 'vad',
    languages: ['en', 'pt'],
    description: 'Silero VAD v5: finds speech in long recordings. Ships with Earshot.',
    license: 'MIT',
    defaultFor: ['vad'],
    bundled: true,
  },
  // For Portuguese speakers who want accuracy over speed: large-v3-turbo keeps large-v3's encoder
  // (32 layers, 128 mel bins) with a 4-layer decoder. Sizes are estimates from the export's
  // parameter counts; its speed was not measured here.
  whisperTurboEntry(),
];

function whisperTurboEntry(): CatalogEntryInput {
  const repo = `${HF}/onnx-community/whisper-large-v3-turbo/resolve/main`;
  return {
    id: 'whisper-large-v3-turbo',
    kind: 'stt',
    languages: ['en', 'pt'],
    description:
      'Whisper large-v3 turbo (multilingual), int8: the most accurate for Brazilian Portuguese and accented speech; expect roughly 5–10× the time of whisper-base on a laptop CPU, seconds per question.',
    license: 'MIT',
    variant: 'int8',
    defaultFor: [],
    files: [
      { path: 'config.json', url: `${repo}/config.json`, sizeBytes: 2_300 },
      { path: 'generation_config.json', url: `${repo}/generation_config.json`, sizeBytes: 3_900 },
      { path: 'preprocessor_config.json', url: `${repo}/preprocessor_config.json`, sizeBytes: 340 },
      { path: 'tokenizer.json', url: `${repo}/tokenizer.json`, sizeBytes: 2_480_000 },
      { path: 'onnx/encoder_model_int8.onnx', url: `${repo}/onnx/encoder_model_int8.onnx`, sizeBytes: 650_000_000 },
      { path: 'onnx/decoder_model_merged_int8.onnx', url: `${repo}/onnx/decoder_model_merged_int8.onnx`, sizeBytes: 175_000_000 },
    ],
  };
}
