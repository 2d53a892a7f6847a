// Document folders for the rag benchmark: the labelled corpus (package READMEs from node_modules,
// one Markdown file per package) and a 1000-file folder of mixed formats made from the same text,
// each file different so every one is really indexed. Synthetic chunks for the 100 k scale test
// are drawn from the corpus vocabulary, so keyword statistics look like real documentation.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { CORPUS_PACKAGES } from './rag-questions';

export function readmeOf(pkg: string, root = 'node_modules'): string {
  const file = ['README.md', 'readme.md', 'Readme.md'].map((n) => join(root, pkg, n)).find(existsSync);
  if (!file) throw new Error(`No README for ${pkg} in ${root}: run npm install first.`);
  return readFileSync(file, 'utf8');
}

/** Writes <pkg>.md for every corpus package; answers the folder. */
export function writeLabelledCorpus(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const pkg of CORPUS_PACKAGES) writeFileSync(join(dir, `${pkg}.md`), readmeOf(pkg));
  return dir;
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** `count` files (md, txt, html in turn), each a README section run with its own header line. */
export function writeBulkFolder(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  const texts = CORPUS_PACKAGES.map((p) => readmeOf(p));
  for (let i = 0; i < count; i++) {
    const text = texts[i % texts.length]!;
    const start = (i * 997) % Math.max(1, text.length - 3000);
    const body = `Copy ${i} of ${CORPUS_PACKAGES[i % texts.length]}.\n\n${text.slice(start, start + 3000)}`;
    const kind = i % 3;
    const name = join(dir, `doc-${String(i).padStart(4, '0')}.${['md', 'txt', 'html'][kind]}`);
    writeFileSync(name, kind === 2 ? `<html><body><h1>Copy ${i}</h1><p>${escapeHtml(body).replace(/\n\n/g, '</p><p>')}</p></body></html>` : body);
  }
  return dir;
}

/** A deterministic pseudo-random source (mulberry32), so every run builds the same synthetic index. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words of the corpus with their counts, most frequent first, for Zipf-like synthetic text. */
export function corpusVocabulary(): string[] {
  const counts = new Map<string, number>();
  for (const pkg of CORPUS_PACKAGES) for (const w of readmeOf(pkg).toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

/** A synthetic chunk of about `chars` characters: words drawn with a Zipf-like bias to frequent ones. */
export function syntheticChunk(vocabulary: readonly string[], random: () => number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const w = vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ');
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
