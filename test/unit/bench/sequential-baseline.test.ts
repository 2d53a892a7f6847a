// The fair sequential baseline: the history and memories Earshot's prompt has, and audio as soon as
// the whole reply is written and its first sentence synthesized.
import { describe, expect, it } from 'vitest';
import { runSequentialTurn } from '../../../bench/sequential-baseline';
import type { ChatRequest, SynthesizeOptions } from '../../../src/main/core/engines/types';
import { PromptSession } from '../../../src/main/core/prompt/prompt-session';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { ScriptedLlm, ScriptedStt, ScriptedTts } from '../../support/scripted-engines';

const REPLY = 'Kilimanjaro is the tallest. It rises almost six kilometres. You can climb it in a week.';

function engines(history = [{ id: 'a', at: 0, transcript: 'Where is Tanzania?', reply: 'In East Africa.', language: 'en' as const, complete: true }]) {
  const requests: ChatRequest[] = [];
  const spoken: string[] = [];
  const tts = new ScriptedTts({ realTimeFactor: 0 });
  return {
    requests,
    spoken,
    engines: {
      stt: new ScriptedStt({ texts: () => 'What is the tallest mountain in Africa?', msPerAudioSecond: 0 }),
      llm: new ScriptedLlm({ reply: (request) => (requests.push(request), REPLY) }),
      tts: {
        voiceId: (language: 'en' | 'pt') => tts.voiceId(language),
        warm: () => tts.warm(),
        dispose: () => tts.dispose(),
        synthesize: (text: string, options: SynthesizeOptions) => {
          spoken.push(text);
          return tts.synthesize(text, options);
        },
      },
      memory: null,
      buildPrompt: new PromptSession(),
      settings: () => DEFAULT_SETTINGS,
      history: () => history,
    },
  };
}

describe('sequential baseline', () => {
  it('sends the same history Earshot would, before the question', async () => {
    const { engines: e, requests } = engines();
    await runSequentialTurn(e, new Float32Array(16_000));
    const contents = requests[0]!.messages.map((m) => m.content);
    expect(contents).toContain('Where is Tanzania?');
    expect(contents.indexOf('Where is Tanzania?')).toBeLessThan(contents.indexOf('What is the tallest mountain in Africa?'));
  });

  it('can speak once the first sentence is synthesized, and the old measure waits for every one', async () => {
    const { engines: e, spoken } = engines();
    const sample = await runSequentialTurn(e, new Float32Array(16_000));
    expect(spoken).toHaveLength(3);
    expect(sample.firstAudioMs).toBeLessThanOrEqual(sample.voiceToVoiceMs);
    const { engines: e2, spoken: spoken2 } = engines();
    const first = await runSequentialTurn(e2, new Float32Array(16_000), true);
    expect(spoken2).toEqual(['Kilimanjaro is the tallest.']);
    expect(first.firstAudioMs).toBeGreaterThanOrEqual(0);
    expect(first.voiceToVoiceMs).toBeNaN();
  });
});
