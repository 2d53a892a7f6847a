// A control for the event-loop figure: a separate, idle Node process measuring its own event-loop
// lag while the turns run. On a machine shared with other work the operating system delays every
// process; what the idle probe sees is that delay, and Earshot's own blocking is what comes on top.
import { spawn } from 'node:child_process';
import type { LagFigures } from './event-loop-lag';

const PROBE = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.stdin.once('data', () => {
  h.disable();
  const lag = (ns) => Math.round(Math.max(0, ns / 1e6 - 10) * 10) / 10;
  process.stdout.write(JSON.stringify({ p99: lag(h.percentile(99)), max: lag(h.max), samples: h.count }));
  process.exit(0);
});
process.stdout.write('ready\\n');
`;

export interface LagProbe {
  /** The probe's figures, or null when it could not run. */
  stop(): Promise<LagFigures | null>;
}

export async function startLagProbe(): Promise<LagProbe> {
  const child = spawn(process.execPath, ['-e', PROBE], { stdio: ['pipe', 'pipe', 'ignore'] });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (output += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => child.stdout.on('data', () => output.startsWith('ready') && resolve(true))),
    exited.then(() => false),
  ]);
  return {
    stop: async () => {
      if (!ready) return null;
      child.stdin.end('stop\n');
      await exited;
      try {
        return JSON.parse(output.slice('ready\n'.length)) as LagFigures;
      } catch {
        return null;
      }
    },
  };
}
