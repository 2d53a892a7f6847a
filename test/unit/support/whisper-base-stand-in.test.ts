// The whisper-base-sized stand-in claims whisper-base's tokenizer layout: the control tokens at the
// ids the real multilingual vocabulary has, 51865 in all, and the script as whole-word tokens.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPT, scriptPieces, whisperBaseVocabulary } from '../../support/whisper-base-stand-in';
import { decoderGraph, TINY } from '../../support/whisper-base-stand-in-graphs';

describe('whisper-base stand-in vocabulary', () => {
  const v = whisperBaseVocabulary(scriptPieces(DEFAULT_SCRIPT));

  it("puts Whisper's control tokens at their real ids", () => {
    expect(v.id('<|endoftext|>')).toBe(50257);
    expect(v.id('<|startoftranscript|>')).toBe(50258);
    expect(v.id('<|en|>')).toBe(50259);
    expect(v.id('<|pt|>')).toBe(50267);
    expect(v.id('<|transcribe|>')).toBe(50359);
    expect(v.id('<|notimestamps|>')).toBe(50363);
    expect(v.id('<|0.00|>')).toBe(50364);
    expect(v.id('<|30.00|>')).toBe(51864);
  });

  it('speaks a realistic question as one token per word or mark', () => {
    expect(scriptPieces(DEFAULT_SCRIPT)).toEqual([' What', "'s", ' the', ' tallest', ' mountain', ' in', ' Africa', ',', ' and', ' how', ' high', ' is', ' it', '?']);
    expect(v.pieceIds.every((id) => Number.isInteger(id) && id < 50257)).toBe(true);
  });
});

describe('whisper-base stand-in decoder graph', () => {
  const graph = decoderGraph(51865, [50257, 50259], TINY);
  const ifNode = graph.nodes.find((n) => n.op === 'If')!;
  const branch = (name: 'then_branch' | 'else_branch') => {
    const attribute = ifNode.attributes![name]!;
    if (attribute.kind !== 'graph') throw new Error(`${name} is not a graph`);
    return attribute.value;
  };

  it('is one If on use_cache_branch with every output of the merged export', () => {
    expect(ifNode.inputs).toEqual(['use_cache_branch']);
    expect(ifNode.outputs).toHaveLength(1 + 4 * TINY.layers);
    expect(branch('then_branch').outputs).toHaveLength(ifNode.outputs.length);
    expect(branch('else_branch').outputs).toHaveLength(ifNode.outputs.length);
  });

  it('attends over the cached cross-attention inputs inside the cached branch, copying none of them out', () => {
    const cached = branch('then_branch').nodes;
    const reads = cached.flatMap((n) => n.inputs).filter((name) => /^past_key_values\.\d+\.encoder\./.test(name));
    expect(new Set(reads).size).toBe(2 * TINY.layers);
    expect(cached.filter((n) => n.op === 'Identity' && n.inputs.some((i) => i.startsWith('past_key_values.')))).toEqual([]);
  });

  it('computes the cross-attention cache from the encoder output in the branch without it', () => {
    const first = branch('else_branch').nodes;
    expect(first.some((n) => n.inputs.includes('encoder_hidden_states'))).toBe(true);
    expect(first.flatMap((n) => n.inputs).some((name) => /^past_key_values\.\d+\.encoder\./.test(name))).toBe(false);
  });
});
