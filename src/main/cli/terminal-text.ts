// Text printed to a terminal may come from anyone: a transcript, a model's reply, a catalog file,
// a file name. Control characters in it (ESC sequences, carriage returns, bidi overrides) could
// recolour the terminal, rewrite what was printed before, set the window title or worse. Every
// command writes through these, which show such characters as visible `\uXXXX` escapes — a form
// that also stays valid inside a JSON string. Line feeds and tabs are layout and pass through.
import type { CliIo } from './cli-io';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

type Output = CliIo['stdout'];

function safeOutput(output: Output): Output {
  return { write: (text: string) => output.write(terminalSafe(text)), isTTY: output.isTTY };
}

/** The same io with stdout and stderr passed through terminalSafe. */
export function terminalSafeIo(io: CliIo): CliIo {
  return { ...io, stdout: safeOutput(io.stdout), stderr: safeOutput(io.stderr) };
}
