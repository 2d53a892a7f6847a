// Whisper's tokenizer, decoding side, read from a Hugging Face tokenizer.json: byte-level BPE
// tokens (model.vocab) plus the added special tokens (<|endoftext|>, <|en|>, <|0.00|>, …). Text is
// recovered by joining token strings, mapping each character back to its byte, and decoding the
// bytes as UTF-8 at the end, so characters split across tokens come out whole.
import { byteLevelDecoder } from './byte-level-alphabet';

interface AddedToken {
  id: number;
  content: string;
  special?: boolean;
}

export class WhisperTokenizer {
  /** One past the largest token id. */
  readonly size: number;
  private readonly tokens = new Map<number, string>();
  private readonly ids = new Map<string, number>();
  private readonly special = new Set<number>();
  private readonly bytesOf = byteLevelDecoder();
  private readonly utf8 = new TextDecoder('utf-8');

  /** Parses tokenizer.json; throws an Error saying what is wrong when it is not one. */
  static fromJson(json: unknown): WhisperTokenizer {
    const root = json as { model?: { type?: unknown; vocab?: unknown }; added_tokens?: unknown } | null;
    const vocab = root?.model?.vocab;
    if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab)) {
      throw new Error('tokenizer.json has no model.vocab object');
    }
    if (root?.model?.type !== undefined && root.model.type !== 'BPE') {
      throw new Error(`tokenizer.json holds a ${String(root.model.type)} model, not byte-level BPE`);
    }
    const added = Array.isArray(root?.added_tokens) ? (root.added_tokens as AddedToken[]) : [];
    return new WhisperTokenizer(vocab as Record<string, number>, added);
  }

  private constructor(vocab: Record<string, number>, added: AddedToken[]) {
    for (const [token, id] of Object.entries(vocab)) {
      if (Number.isInteger(id)) {
        this.tokens.set(id, token);
        this.ids.set(token, id);
      }
    }
    for (const token of added) {
      if (!Number.isInteger(token.id) || typeof token.content !== 'string') continue;
      this.tokens.set(token.id, token.content);
      this.ids.set(token.content, token.id);
      this.special.add(token.id);
    }
    let max = -1;
    for (const id of this.tokens.keys()) max = Math.max(max, id);
    this.size = max + 1;
  }

  /** Id of a token by its text, e.g. '<|startoftranscript|>'. */
  tokenId(content: string): number | undefined {
    return this.ids.get(content);
  }

  /** Added tokens: <|endoftext|>, language, task and timestamp tokens, … */
  isSpecial(id: number): boolean {
    return this.special.has(id);
  }

  /** The added (special) token ids, sorted. */
  specialIds(): number[] {
    return [...this.special].sort((a, b) => a - b);
  }

  /** Text of the ordinary tokens in `ids`; special and unknown ids are left out. */
  decode(ids: readonly number[]): string {
    const bytes: number[] = [];
    const encoder = new TextEncoder();
    for (const id of ids) {
      if (this.special.has(id)) continue;
      const token = this.tokens.get(id);
      if (token === undefined) continue;
      for (const char of token) {
        const byte = this.bytesOf.get(char);
        if (byte !== undefined) bytes.push(byte);
        else bytes.push(...encoder.encode(char));
      }
    }
    return this.utf8.decode(Uint8Array.from(bytes));
  }
}
