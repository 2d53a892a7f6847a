// Runs the merged Whisper decoder (decoder_model_merged.onnx) step by step for one clip, keeping its
// KV cache. Inputs: input_ids [batch, seq], encoder_hidden_states, past_key_values.{i}.decoder.* (self
// attention, grows each step) and past_key_values.{i}.encoder.* (cross attention, fixed), and
// use_cache_branch. The first run has empty pasts and use_cache_branch false, and its
// present.*.encoder.* outputs are the cross cache; later runs pass the cache (their encoder
// "present" outputs are placeholders and are ignored). Between steps the self cache rows are
// reordered to follow the beams, and the fixed inputs are tiled to the batch size — one row at a
// time with a yield between rows: for whisper-base at beam 3 that is ~110 MB, which copied in one go
// held the event loop for ~100 ms on every clip (~350 ms for whisper-small at beam 5).
import { setImmediate } from 'node:timers/promises';
import * as ort from 'onnxruntime-node';
import type { WhisperDimensions } from './model-files';

type Feeds = Record<string, ort.Tensor>;

/** Lets the event loop run (IPC, audio, timers) between large copies. */
export type YieldToLoop = () => Promise<void>;

/** Rows of a [rows, …] tensor's data picked by `sources` (a row may be picked several times). */
export function gatherRows(data: Float32Array, rowSize: number, sources: readonly number[]): Float32Array {
  const out = new Float32Array(sources.length * rowSize);
  sources.forEach((source, row) => out.set(data.subarray(source * rowSize, (source + 1) * rowSize), row * rowSize));
  return out;
}

function isIdentity(sources: readonly number[], rows: number): boolean {
  return sources.length === rows && sources.every((s, i) => s === i);
}

export class DecoderRunner {
  private selfCache: Feeds | null = null;
  private crossCache: Feeds | null = null;
  private readonly tiled = new Map<number, Feeds>();

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly dims: Pick<WhisperDimensions, 'decoderLayers' | 'decoderHeads' | 'headDim'>,
    private readonly encoderHiddenStates: ort.Tensor,
    private readonly yieldToLoop: YieldToLoop = () => setImmediate(),
  ) {}

  /**
   * Feeds one token sequence per row and returns the logits of each row's last position. Row b
   * continues from row sources[b] of the previous run (ignored on the first run).
   */
  async run(inputIds: readonly (readonly number[])[], sources: readonly number[]): Promise<Float32Array[]> {
    const batch = inputIds.length;
    const seq = inputIds[0]?.length ?? 0;
    if (batch === 0 || seq === 0 || inputIds.some((row) => row.length !== seq)) throw new Error('decoder input must be a non-empty rectangle');
    const ids = new ort.Tensor('int64', BigInt64Array.from(inputIds.flat(), (t) => BigInt(t)), [batch, seq]);
    const first = this.selfCache === null;
    const feeds: Feeds = {
      input_ids: ids,
      use_cache_branch: new ort.Tensor('bool', Uint8Array.from([first ? 0 : 1]), [1]),
      ...(first ? this.emptyPast(batch) : { ...this.reorderedSelfCache(sources), ...(await this.fixedFor(batch)) }),
    };
    if (first) feeds.encoder_hidden_states = await this.tile(this.encoderHiddenStates, batch);
    const out = await this.session.run(feeds);

    const self: Feeds = {};
    const cross: Feeds = {};
    for (let i = 0; i < this.dims.decoderLayers; i++) {
      for (const kv of ['key', 'value']) {
        self[`past_key_values.${i}.decoder.${kv}`] = this.output(out, `present.${i}.decoder.${kv}`);
        if (first) cross[`past_key_values.${i}.encoder.${kv}`] = this.output(out, `present.${i}.encoder.${kv}`);
      }
    }
    this.selfCache = self;
    if (first) {
      this.crossCache = cross;
      this.tiled.clear();
    }

    const logits = this.output(out, 'logits');
    const [, outSeq, vocab] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    return Array.from({ length: batch }, (_, b) => data.slice((b * outSeq + outSeq - 1) * vocab, (b * outSeq + outSeq) * vocab));
  }

  private output(out: ort.InferenceSession.OnnxValueMapType, name: string): ort.Tensor {
    const tensor = out[name];
    if (!tensor) throw new Error(`the decoder has no output "${name}"`);
    return tensor as ort.Tensor;
  }

  private emptyPast(batch: number): Feeds {
    const { decoderLayers, decoderHeads, headDim } = this.dims;
    const feeds: Feeds = {};
    for (let i = 0; i < decoderLayers; i++) {
      for (const side of ['decoder', 'encoder']) {
        for (const kv of ['key', 'value']) {
          feeds[`past_key_values.${i}.${side}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [batch, decoderHeads, 0, headDim]);
        }
      }
    }
    return feeds;
  }

  private reorderedSelfCache(sources: readonly number[]): Feeds {
    const cache = this.selfCache!;
    const feeds: Feeds = {};
    for (const [name, tensor] of Object.entries(cache)) {
      const [rows, ...rest] = tensor.dims as number[];
      if (isIdentity(sources, rows!)) {
        feeds[name] = tensor;
        continue;
      }
      const rowSize = rest.reduce((a, b) => a * b, 1);
      feeds[name] = new ort.Tensor('float32', gatherRows(tensor.data as Float32Array, rowSize, sources), [sources.length, ...rest]);
    }
    return feeds;
  }

  /** The cross cache and encoder states, every row the same clip, for `batch` rows. */
  private async fixedFor(batch: number): Promise<Feeds> {
    let feeds = this.tiled.get(batch);
    if (!feeds) {
      feeds = { encoder_hidden_states: await this.tile(this.encoderHiddenStates, batch) };
      for (const [name, tensor] of Object.entries(this.crossCache!)) feeds[name] = await this.tile(tensor, batch);
      this.tiled.set(batch, feeds);
    }
    return feeds;
  }

  /** `batch` copies of a one-row tensor, made a row at a time with a yield after each. */
  private async tile(tensor: ort.Tensor, batch: number): Promise<ort.Tensor> {
    const [rows, ...rest] = tensor.dims as number[];
    if (rows === batch) return tensor;
    const rowSize = rest.reduce((a, b) => a * b, 1);
    const row = (tensor.data as Float32Array).subarray(0, rowSize);
    const out = new Float32Array(batch * rowSize);
    for (let b = 0; b < batch; b++) {
      out.set(row, b * rowSize);
      await this.yieldToLoop();
    }
    return new ort.Tensor('float32', out, [batch, ...rest]);
  }
}
