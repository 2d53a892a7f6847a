// A Whisper model folder small enough to write in a test, in the layout of the real ONNX exports
// (Hugging Face optimum / onnx-community): tokenizer.json (byte-level BPE with Whisper's control
// tokens), config.json, generation_config.json, preprocessor_config.json and onnx/encoder_model.onnx
// + onnx/decoder_model_merged.onnx (and *_int8 copies) with the real input/output names, dtypes and
// ranks. The decoder is scripted rather than trained, but every part of the real engine has to work
// for the script to come out:
// - the encoder is a stride-2 convolution over input_features; its channel 0 is the mean mel value
//   (+1.5, so silence is 0). The decoder reads it through the cross-attention cache of both layers
//   at every step; with silence (or a lost cross cache) it ends the text after the first word;
// - logits depend on the position (past length + 1) and on counts of marker tokens summed over the
//   self-attention values in the cache: the language token (layer 0) and a trap token (layer 1);
// - the first text step also offers tokens the logit filters must remove (a timestamp, a lone space,
//   a suppressed token, a language token, end of text);
// - with `trap`, greedy decoding takes " word" (slightly likelier than " world") and then stumbles
//   through "!" before the end: "hello word!"; beam search keeps " world" and wins on mean log-prob.
// Language detection after <|startoftranscript|> ranks <|de|> first, then the spoken language.
// The vocabulary is built in whisper-stand-in-vocab.ts, the ONNX graphs in whisper-stand-in-graphs.ts.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildModel } from './onnx-graph';
import { D, decoderGraph, encoderGraph, HEADS, LAYERS, logitTables } from './whisper-stand-in-graphs';
import { buildVocabulary, LANGUAGES, SCRIPTS, tokenId, tokenizerJson, type Vocabulary } from './whisper-stand-in-vocab';

export interface WhisperStandInOptions {
  /** 80 (default) or 128 mel bins. */
  nMels?: number;
  /** false writes an English-only (.en style) model: prompt [sot, notimestamps]. */
  multilingual?: boolean;
  /** What language detection finds (default 'en'). */
  spokenLanguage?: 'en' | 'pt';
  trap?: boolean;
  /** Where the .onnx files go: 'onnx' subfolder (default) or the folder root. */
  layout?: 'onnx' | 'root';
  /** Which files to write (default both). 'int8' writes *_int8.onnx, 'quantized' *_quantized.onnx. */
  variants?: readonly ('fp32' | 'int8' | 'quantized')[];
}

export interface WhisperStandIn {
  dir: string;
  vocabSize: number;
  /** What the model says: en/pt scripts, greedy decoding of the trap, and the answer to silence. */
  texts: { en: string; pt: string; trapGreedy: string; silence: string };
  /** Token ids, for tests that drive the decoder directly. */
  ids: Record<'sot' | 'eot' | 'en' | 'pt' | 'transcribe' | 'notimestamps' | 'hello' | 'ola', number>;
}

function configs(v: Vocabulary, nMels: number, multilingual: boolean) {
  const eot = tokenId(v, '<|endoftext|>');
  const sot = tokenId(v, '<|startoftranscript|>');
  const config = {
    _name_or_path: 'earshot/whisper-stand-in',
    architectures: ['WhisperForConditionalGeneration'],
    model_type: 'whisper',
    is_encoder_decoder: true,
    d_model: D,
    encoder_attention_heads: HEADS,
    encoder_layers: 1,
    decoder_attention_heads: HEADS,
    decoder_layers: LAYERS,
    num_mel_bins: nMels,
    vocab_size: v.size,
    max_source_positions: 1500,
    max_target_positions: 448,
    bos_token_id: eot,
    eos_token_id: eot,
    pad_token_id: eot,
    decoder_start_token_id: sot,
  };
  const generation: Record<string, unknown> = {
    begin_suppress_tokens: [tokenId(v, '\u0120'), eot],
    bos_token_id: eot,
    decoder_start_token_id: sot,
    eos_token_id: eot,
    pad_token_id: eot,
    max_length: 448,
    no_timestamps_token_id: tokenId(v, '<|notimestamps|>'),
    suppress_tokens: [tokenId(v, '"'), tokenId(v, '#')],
    return_timestamps: false,
  };
  if (multilingual) {
    Object.assign(generation, {
      is_multilingual: true,
      lang_to_id: Object.fromEntries(LANGUAGES.map((l) => [`<|${l}|>`, tokenId(v, `<|${l}|>`)])),
      task_to_id: { translate: tokenId(v, '<|translate|>'), transcribe: tokenId(v, '<|transcribe|>') },
      forced_decoder_ids: [[1, null], [2, tokenId(v, '<|transcribe|>')]],
    });
  }
  const preprocessor = {
    chunk_length: 30,
    feature_extractor_type: 'WhisperFeatureExtractor',
    feature_size: nMels,
    hop_length: 160,
    n_fft: 400,
    n_samples: 480000,
    nb_max_frames: 3000,
    padding_side: 'right',
    padding_value: 0.0,
    processor_class: 'WhisperProcessor',
    return_attention_mask: false,
    sampling_rate: 16000,
  };
  return { config, generation, preprocessor };
}

export async function writeWhisperStandIn(dir: string, options: WhisperStandInOptions = {}): Promise<WhisperStandIn> {
  const nMels = options.nMels ?? 80;
  const multilingual = options.multilingual ?? true;
  const v = buildVocabulary();
  const tables = logitTables(v, { multilingual, spokenLanguage: options.spokenLanguage ?? 'en', trap: options.trap ?? false });
  const encoder = buildModel({ graph: encoderGraph(nMels), producerName: 'earshot-whisper-stand-in' });
  const decoder = buildModel({ graph: decoderGraph(v, tables), producerName: 'earshot-whisper-stand-in' });
  const { config, generation, preprocessor } = configs(v, nMels, multilingual);

  const onnxDir = options.layout === 'root' ? dir : join(dir, 'onnx');
  await mkdir(onnxDir, { recursive: true });
  const json = (name: string, data: unknown) => writeFile(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  await json('tokenizer.json', tokenizerJson(v));
  await json('config.json', config);
  await json('generation_config.json', generation);
  await json('preprocessor_config.json', preprocessor);
  for (const variant of options.variants ?? ['fp32', 'int8']) {
    const suffix = variant === 'fp32' ? '' : `_${variant}`;
    await writeFile(join(onnxDir, `encoder_model${suffix}.onnx`), encoder);
    await writeFile(join(onnxDir, `decoder_model_merged${suffix}.onnx`), decoder);
  }
  return {
    dir,
    vocabSize: v.size,
    texts: { en: 'hello world', pt: 'olá, tudo bem', trapGreedy: 'hello word!', silence: 'hello' },
    ids: {
      sot: tokenId(v, '<|startoftranscript|>'),
      eot: tokenId(v, '<|endoftext|>'),
      en: tokenId(v, '<|en|>'),
      pt: tokenId(v, '<|pt|>'),
      transcribe: tokenId(v, '<|transcribe|>'),
      notimestamps: tokenId(v, '<|notimestamps|>'),
      hello: tokenId(v, SCRIPTS.en[0]!),
      ola: tokenId(v, SCRIPTS.pt[0]!),
    },
  };
}
