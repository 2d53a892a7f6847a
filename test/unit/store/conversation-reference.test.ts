import { describe, expect, it } from 'vitest';
import { refersToConversation } from '../../../src/main/core/store/response-cache-rules';

describe('refersToConversation', () => {
  it('flags follow-ups and back-references that need the earlier turns', () => {
    expect(refersToConversation('And tomorrow?', 'en')).toBe(true);
    expect(refersToConversation('Why is that so?', 'en')).toBe(true);
    expect(refersToConversation('How tall is she?', 'en')).toBe(true);
    expect(refersToConversation('Tell me another joke', 'en')).toBe(true);
    expect(refersToConversation('E quanto custa isso?', 'pt')).toBe(true);
    expect(refersToConversation('Qual é a idade dela?', 'pt')).toBe(true);
    expect(refersToConversation('Mais?', 'pt')).toBe(true);
  });

  it('lets self-contained questions be cached', () => {
    expect(refersToConversation('What is the capital of France?', 'en')).toBe(false);
    expect(refersToConversation('How many legs does a spider have?', 'en')).toBe(false);
    expect(refersToConversation('Qual é a capital da França?', 'pt')).toBe(false);
    expect(refersToConversation('Como se faz um bolo de cenoura?', 'pt')).toBe(false);
    // A question may open with "why" and still stand alone; a bare "Why?" is caught as too short.
    expect(refersToConversation('Why is the sky blue?', 'en')).toBe(false);
    expect(refersToConversation('Por que o céu é azul?', 'pt')).toBe(false);
    expect(refersToConversation('Why?', 'en')).toBe(true);
  });
});
