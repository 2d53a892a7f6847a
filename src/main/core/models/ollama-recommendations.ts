// Ollama models we suggest per language, chosen for a reply within about a second on a laptop CPU.
// Ollama pulls them itself (ollama-models.ts); sizes are the library's published download sizes,
// approximate.
import type { Language } from '../../../shared/turn';

export type OllamaRole = 'chat' | 'embedding';

export interface OllamaRecommendation {
  /** Ollama model name with tag, as `ollama pull` takes it. */
  name: string;
  role: OllamaRole;
  languages: Language[];
  /** Approximate download size. */
  sizeBytes: number;
  /** The one to pull when the person has not chosen. */
  recommended: boolean;
  note: string;
}

export const OLLAMA_RECOMMENDATIONS: readonly OllamaRecommendation[] = [
  {
    name: 'llama3.2:3b',
    role: 'chat',
    languages: ['en', 'pt'],
    sizeBytes: 2_000_000_000,
    recommended: true,
    note: 'Good short answers in English and Portuguese; the default chat model.',
  },
  {
    name: 'llama3.2:1b',
    role: 'chat',
    languages: ['en', 'pt'],
    sizeBytes: 1_300_000_000,
    recommended: false,
    note: 'Faster on slow laptops, weaker answers.',
  },
  {
    name: 'qwen2.5:3b',
    role: 'chat',
    languages: ['en', 'pt'],
    sizeBytes: 1_900_000_000,
    recommended: false,
    note: 'An alternative with strong multilingual answers.',
  },
  {
    name: 'nomic-embed-text',
    role: 'embedding',
    languages: ['en'],
    sizeBytes: 274_000_000,
    recommended: true,
    note: 'English embeddings for the semantic cache and memory.',
  },
  {
    name: 'paraphrase-multilingual',
    role: 'embedding',
    languages: ['en', 'pt'],
    sizeBytes: 563_000_000,
    recommended: true,
    note: 'Multilingual embeddings, used when Portuguese is spoken.',
  },
];

/** The recommended Ollama models for a role and language, the default one first. */
export function ollamaModelsFor(role: OllamaRole, language: Language, list: readonly OllamaRecommendation[] = OLLAMA_RECOMMENDATIONS): OllamaRecommendation[] {
  return list
    .filter((m) => m.role === role && m.languages.includes(language))
    .sort((a, b) => Number(b.recommended) - Number(a.recommended));
}
