// Runs the fake Ollama on its own, for manual runs and e2e tests:
//   tsx test/support/fake-ollama-cli.ts --port 11435 --reply "Hello there." [--first-token-ms N]
//     [--token-ms N] [--fault NAME] [--models a,b]
// Prints the base URL as its first line of output, then serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { FAKE_FAULTS, startFakeOllama, type FakeFault, type FakeOllamaScript } from './fake-ollama';

const USAGE =
  'usage: tsx test/support/fake-ollama-cli.ts [--port N] [--reply TEXT] [--first-token-ms N] [--token-ms N] ' +
  `[--fault ${FAKE_FAULTS.join('|')}] [--models name,name]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function count(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number ≥ 0, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        reply: { type: 'string' },
        'first-token-ms': { type: 'string' },
        'token-ms': { type: 'string' },
        fault: { type: 'string' },
        models: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = count('port', values.port, 11435);
  if (port > 65535) fail(`--port must be at most 65535, got ${port}`);
  const fault = values.fault;
  if (fault !== undefined && !(FAKE_FAULTS as readonly string[]).includes(fault)) fail(`unknown --fault "${fault}"`);

  const script: Partial<FakeOllamaScript> = {
    firstTokenDelayMs: count('first-token-ms', values['first-token-ms'], 0),
    perTokenDelayMs: count('token-ms', values['token-ms'], 0),
    fault: (fault as FakeFault | undefined) ?? null,
  };
  if (values.reply !== undefined) script.reply = values.reply;
  if (values.models !== undefined) script.models = values.models.split(',').map((name) => name.trim()).filter((name) => name !== '');

  const fake = await startFakeOllama(script, { port }).catch((error: unknown) =>
    fail(`could not listen on 127.0.0.1:${port}: ${error instanceof Error ? error.message : String(error)}`),
  );
  process.stdout.write(`${fake.url}\n`);
  const stop = () => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
