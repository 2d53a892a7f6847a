// Unpacks a .tar.bz2 (sherpa-onnx's voice packaging) into a folder, streamed: bzip2 by
// unbzip2-stream, tar by node-tar (which refuses absolute paths, `..` and writes through links).
import { createReadStream } from 'node:fs';
import { Unpack } from 'tar';
import bz2 from 'unbzip2-stream';
import { cancelledError, classifyFsError, errorCodeOf, ModelError } from './model-errors';

export interface ExtractOptions {
  stripComponents: number;
  signal?: AbortSignal;
}

const FS_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EBUSY', 'EMFILE']);

/** Unpacks `archivePath` into the existing folder `destDir`. A broken archive is a `corrupt` ModelError. */
export async function extractTarBz2(archivePath: string, destDir: string, options: ExtractOptions): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) throw cancelledError('Unpacking the voice');
  const source = createReadStream(archivePath);
  const decompress = bz2();
  const unpack = new Unpack({ cwd: destDir, strip: options.stripComponents, strict: true, preserveOwner: false });

  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        source.destroy();
        decompress.destroy();
        unpack.abort(error instanceof Error ? error : new Error(String(error)));
        reject(error);
      };
      const onAbort = () => fail(cancelledError('Unpacking the voice'));
      signal?.addEventListener('abort', onAbort, { once: true });
      source.on('error', fail);
      decompress.on('error', fail);
      unpack.on('error', fail);
      unpack.on('close', () => {
        signal?.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          resolve();
        }
      });
      source.pipe(decompress).pipe(unpack);
    });
  } catch (error) {
    if (error instanceof ModelError) throw error;
    const code = errorCodeOf(error);
    if (code && FS_CODES.has(code)) throw classifyFsError(error, destDir);
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModelError('corrupt', `The downloaded archive ${archivePath} is broken (${detail}).`, { cause: error });
  }
}
