// `npm run ask|history|cache|models|analyze`: runs the CLI from its bundle, rebuilt first if a
// source changed (cli-bundle.mjs). The bundle sits three folders below the repository, as
// src/main/cli does, so the paths it computes from its own folder (resources/) stay right. If the
// bundle cannot be built (esbuild missing), the sources run through tsx as before, only slower.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBundles, ensureBundle } from './cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bundles = cliBundles(root);
const { entry, outfile } = bundles[0];
let built = true;
try {
  for (const bundle of bundles) await ensureBundle({ ...bundle, sources: [join(root, 'src', 'main'), join(root, 'src', 'shared')] });
} catch (error) {
  process.stderr.write(`(the CLI bundle could not be built, running from source: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`);
  built = false;
}
// The bundle and the source entry are this repository's own files, found from this script's folder.
// eslint-disable-next-line earshot/allowed-imports
if (built) require(outfile);
else {
  require('tsx/cjs/api').register();
  // eslint-disable-next-line earshot/allowed-imports
  require(entry);
}
