// GPT-2's byte-level alphabet, which Whisper's tokenizer uses: every byte 0–255 is written as one
// printable Unicode character, so BPE tokens are strings and any byte sequence (including half of
// a UTF-8 character) can be a token.

/** The character standing for each byte, indexed by byte value. */
export function byteLevelAlphabet(): string[] {
  const chars = new Array<string>(256);
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    chars[b] = String.fromCharCode(printable(b) ? b : 256 + extra++);
  }
  return chars;
}

/** The byte each alphabet character stands for. */
export function byteLevelDecoder(): Map<string, number> {
  return new Map(byteLevelAlphabet().map((char, byte) => [char, byte]));
}

/** Bytes written in the byte-level alphabet (as tokens appear in tokenizer.json). */
export function toByteLevel(bytes: Uint8Array): string {
  const alphabet = byteLevelAlphabet();
  let out = '';
  for (const b of bytes) out += alphabet[b]!;
  return out;
}
