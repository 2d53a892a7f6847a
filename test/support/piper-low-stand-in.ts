// A Piper voice stand-in with a Piper "low" voice's cost: the tone voice of piper-stand-in.ts (so
// sherpa-onnx loads and drives it exactly as a real voice), whose output also runs through a
// HiFi-GAN generator of the low voices' shape — 16 kHz audio, 256 samples per frame, upsampling
// ×8 ×8 ×4 (kernels 16, 16, 8) from 256 channels down to 32, three residual blocks per stage
// (kernels 3, 5, 7; dilations 1·2, 2·6, 3·12) — and whose file is padded with weights (read at
// every synthesis) to a low voice's ~63 MB. The vocoder is where a VITS voice spends most of its
// time, and its work grows with the audio's length as a real one's does. Its weights are random and
// its result is mixed in at 1/1000, so the audio stays the tone.
import { LayerBuilder, SeededNumbers } from './onnx-layer-builder';
import { attr, type GraphSpec, int64Tensor, type TensorSpec } from './onnx-graph';
import { type PiperStandIn, type StandInLanguage, writePiperStandIn } from './piper-stand-in';

const HOP = 256;
const LATENT = 96;
const INITIAL_CHANNELS = 256;
const UPSAMPLES = [
  { rate: 8, kernel: 16 },
  { rate: 8, kernel: 16 },
  { rate: 4, kernel: 8 },
] as const;
const RES_KERNELS = [3, 5, 7] as const;
const RES_DILATIONS = [[1, 2], [2, 6], [3, 12]] as const;
/** A low voice's file size (en_US-lessac-low.onnx, ~63 MB). */
export const PIPER_LOW_BYTES = 63_000_000;

function leaky(b: LayerBuilder, x: string): string {
  return b.op('LeakyRelu', [x], { alpha: attr.float(0.1) });
}

function conv(b: LayerBuilder, x: string, name: string, cin: number, cout: number, kernel: number, dilation = 1): string {
  return b.op('Conv', [x, b.floatWeights(`${name}.weight`, [cout, cin, kernel], cin * kernel * 4), b.constant(`${name}.bias`, [cout], new Float32Array(cout))], {
    kernel_shape: attr.ints([kernel]),
    dilations: attr.ints([dilation]),
    pads: attr.ints([(dilation * (kernel - 1)) / 2, (dilation * (kernel - 1)) / 2]),
  });
}

/** The generator: [1, LATENT, F] → [1, 1, F · 256]. */
function generator(b: LayerBuilder, latent: string): string {
  let x = conv(b, latent, 'dec.conv_pre', LATENT, INITIAL_CHANNELS, 7);
  let channels = INITIAL_CHANNELS;
  UPSAMPLES.forEach(({ rate, kernel }, stage) => {
    const out = channels / 2;
    x = b.op('ConvTranspose', [leaky(b, x), b.floatWeights(`dec.ups.${stage}.weight`, [channels, out, kernel], channels * 2), b.constant(`dec.ups.${stage}.bias`, [out], new Float32Array(out))], {
      kernel_shape: attr.ints([kernel]),
      strides: attr.ints([rate]),
      pads: attr.ints([(kernel - rate) / 2, (kernel - rate) / 2]),
    });
    channels = out;
    const blocks = RES_KERNELS.map((k, j) => {
      let y = x;
      for (const d of RES_DILATIONS[j]!) y = b.op('Add', [y, conv(b, leaky(b, y), `dec.resblocks.${stage}.${j}.d${d}`, channels, channels, k, d)]);
      return y;
    });
    x = b.op('Mul', [b.op('Sum', blocks), b.constant(`dec.third_${stage}`, [], [1 / 3])]);
  });
  return b.op('Tanh', [conv(b, leaky(b, x), 'dec.conv_post', channels, 1, 7)]);
}

/** Wraps the tone graph: output = tone + 0.001 · vocoder(frames of the tone). */
export function withLowVoiceVocoder(graph: GraphSpec): GraphSpec {
  const initializers: TensorSpec[] = [...(graph.initializers ?? [])];
  const b = new LayerBuilder('voc_', initializers, new SeededNumbers(303));
  const nodes = graph.nodes.map((n) => (n.outputs[0] === 'output' ? { ...n, outputs: ['voc_tone'] } : n));
  // Frames of 256 samples (the tone padded up to a whole frame), projected to the latent width.
  initializers.push(int64Tensor('voc_hop', [], [HOP]), int64Tensor('voc_hop_minus_1', [], [HOP - 1]), int64Tensor('voc_zero1', [1], [0]));
  const length = b.op('Gather', [b.op('Shape', ['voc_tone']), b.ints('last', [2])], { axis: attr.int(0) });
  const frames = b.op('Div', [b.op('Add', [length, 'voc_hop_minus_1']), 'voc_hop']);
  const padding = b.op('Sub', [b.op('Mul', [frames, 'voc_hop']), length]);
  const pads = b.op('Concat', [b.ints('pad_head', [0, 0, 0, 0, 0]), padding], { axis: attr.int(0) });
  const padded = b.op('Pad', ['voc_tone', pads]);
  const framed = b.op('Reshape', [padded, b.ints('framed_shape', [1, -1, HOP])]);
  const projected = b.op('MatMul', [framed, b.floatWeights('frame_proj', [HOP, LATENT], HOP)]);
  const latent = b.op('Transpose', [projected], { perm: attr.ints([0, 2, 1]) });
  const audio = generator(b, latent);
  const trimmed = b.op('Slice', [audio, 'voc_zero1', length, b.ints('axis2', [2])]);
  const quiet = b.op('Mul', [trimmed, b.constant('mix', [], [0.001])]);
  b.op('Add', ['voc_tone', quiet], undefined, 'output');
  return { ...graph, nodes: [...nodes, ...b.nodes], initializers };
}

/** Writes a loadable voice folder whose synthesis costs what a Piper low voice's does. */
export async function writePiperLowStandIn(dir: string, language: StandInLanguage): Promise<PiperStandIn> {
  return writePiperStandIn(dir, { language, sampleRate: 16_000, weightBytes: PIPER_LOW_BYTES - 6_000_000, transformGraph: withLowVoiceVocoder });
}
