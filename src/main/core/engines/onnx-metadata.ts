// Reads an ONNX file's top-level ModelProto fields — metadata_props and whether a graph is there —
// without loading the model: only the field headers and the metadata entries are read, so a 60 MB
// voice costs a handful of small reads. Used to check a model before a native runtime that exits
// the process on a missing metadata key is handed it.
import { open } from 'node:fs/promises';

/** Random access to a file's bytes. */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

export interface OnnxHeader {
  metadata: Record<string, string>;
  /** True when the file holds a non-empty graph field. */
  hasGraph: boolean;
}

export type OnnxHeaderResult = { ok: true; header: OnnxHeader } | { ok: false; problem: string };

// ModelProto field numbers (onnx.proto).
const GRAPH_FIELD = 7;
const METADATA_FIELD = 14;
// StringStringEntryProto
const KEY_FIELD = 1;
const VALUE_FIELD = 2;

const MAX_METADATA_ENTRY = 1 << 20;

/** Parses the top-level fields of a serialized ModelProto. Never throws for bad bytes. */
export async function parseOnnxHeader(source: ByteSource): Promise<OnnxHeaderResult> {
  if (source.size === 0) return { ok: false, problem: 'the file is empty' };
  const metadata: Record<string, string> = {};
  let hasGraph = false;
  let position = 0;
  while (position < source.size) {
    const head = await source.read(position, Math.min(20, source.size - position));
    const tag = readVarint(head, 0);
    if (!tag) return { ok: false, problem: `unreadable field header at byte ${position}` };
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (field === 0) return { ok: false, problem: `invalid field number at byte ${position}` };
    let next: number;
    if (wireType === 0) {
      const v = readVarint(head, tag.length);
      if (!v) return { ok: false, problem: `unreadable number at byte ${position}` };
      next = position + tag.length + v.length;
    } else if (wireType === 1) {
      next = position + tag.length + 8;
    } else if (wireType === 5) {
      next = position + tag.length + 4;
    } else if (wireType === 2) {
      const len = readVarint(head, tag.length);
      if (!len) return { ok: false, problem: `unreadable length at byte ${position}` };
      const start = position + tag.length + len.length;
      next = start + len.value;
      if (next > source.size) return { ok: false, problem: `field ${field} runs past the end of the file (truncated?)` };
      if (field === GRAPH_FIELD && len.value > 0) hasGraph = true;
      if (field === METADATA_FIELD) {
        if (len.value > MAX_METADATA_ENTRY) return { ok: false, problem: 'a metadata entry is implausibly large' };
        const entry = parseEntry(await source.read(start, len.value));
        if (!entry) return { ok: false, problem: `unreadable metadata entry at byte ${position}` };
        metadata[entry.key] = entry.value;
      }
    } else {
      return { ok: false, problem: `unsupported wire type ${wireType} at byte ${position}` };
    }
    if (next > source.size) return { ok: false, problem: 'the file ends in the middle of a field (truncated?)' };
    position = next;
  }
  return { ok: true, header: { metadata, hasGraph } };
}

/** parseOnnxHeader over a file on disk. Resolves { ok: false } for unreadable files too. */
export async function readOnnxHeader(path: string): Promise<OnnxHeaderResult> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return { ok: false, problem: `cannot open it (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  try {
    const { size } = await handle.stat();
    const file = handle;
    return await parseOnnxHeader({
      size,
      read: async (position, length) => {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await file.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      },
    });
  } catch (error) {
    return { ok: false, problem: `cannot read it (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    await handle.close();
  }
}

function parseEntry(bytes: Uint8Array): { key: string; value: string } | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let key = '';
  let value = '';
  let position = 0;
  while (position < bytes.length) {
    const tag = readVarint(bytes, position);
    if (!tag || tag.value % 8 !== 2) return null;
    const len = readVarint(bytes, position + tag.length);
    if (!len) return null;
    const start = position + tag.length + len.length;
    const end = start + len.value;
    if (end > bytes.length) return null;
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(start, end));
    } catch {
      return null;
    }
    const field = Math.floor(tag.value / 8);
    if (field === KEY_FIELD) key = text;
    else if (field === VALUE_FIELD) value = text;
    position = end;
  }
  return { key, value };
}

/** A base-128 varint at `offset`, as a number (exact below 2^53); null when cut off or too long. */
function readVarint(bytes: Uint8Array, offset: number): { value: number; length: number } | null {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return null;
}
