// Chunk size and overlap presets, in characters. Small chunks answer narrow questions and keep the
// prompt short; large ones keep more context together at the cost of prompt room.
import { CHUNK_PRESET_NAMES } from '../../../shared/settings';

export { CHUNK_PRESET_NAMES };
export type ChunkPresetName = (typeof CHUNK_PRESET_NAMES)[number];

export interface ChunkPreset {
  size: number;
  overlap: number;
  /** Tried in order: a chunk ends at a paragraph before a line, at a line before a sentence, … */
  separators: readonly string[];
}

const SEPARATORS = ['\n\n', '\n', '. ', '! ', '? ', ' ', ''] as const;

export const CHUNK_PRESETS: Record<ChunkPresetName, ChunkPreset> = {
  fast: { size: 300, overlap: 30, separators: SEPARATORS },
  development: { size: 500, overlap: 50, separators: SEPARATORS },
  balanced: { size: 800, overlap: 150, separators: SEPARATORS },
  production: { size: 1000, overlap: 200, separators: SEPARATORS },
};

export const DEFAULT_CHUNK_PRESET: ChunkPresetName = 'balanced';
