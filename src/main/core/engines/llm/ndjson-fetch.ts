// The fetch the ollama client is given: bound to one request's signal, and checking that a streamed
// body is well-formed NDJSON, line by line, so a broken line is an error rather than a silently
// missing word.
import { MalformedReplyError } from './ollama-errors';

/** fetch bound to a turn's signal, optionally checking that a successful body is well-formed NDJSON. */
export function turnFetch(base: typeof fetch, signal: AbortSignal, checkNdjson: boolean): typeof fetch {
  return async (input, init) => {
    const signals = init?.signal ? [init.signal, signal] : [signal];
    const response = await base(input, { ...init, signal: AbortSignal.any(signals) });
    if (!response.ok) return asJsonError(response);
    if (!checkNdjson || response.body === null) return response;
    const { status, statusText, headers } = response;
    return new Response(checkedNdjson(response.body), { status, statusText, headers });
  };
}

/**
 * An error answer whose body is not JSON (a proxy's page, gin's "404 page not found", another
 * server on the port) becomes {"error": text}: the ollama client reads the same message from it,
 * and does not console.log "Getting text from response" into `ask --json`'s stdout.
 */
async function asJsonError(response: Response): Promise<Response> {
  const { status, statusText, headers } = response;
  const text = await response.text().catch(() => '');
  if (isJson(text)) return new Response(text, { status, statusText, headers });
  const json = new Headers(headers);
  json.set('content-type', 'application/json; charset=utf-8');
  json.delete('content-length');
  return new Response(JSON.stringify({ error: text.trim() || statusText }), { status, statusText, headers: json });
}

/**
 * Passes complete NDJSON lines through; a line that is not JSON errors the stream with
 * MalformedReplyError — after the good lines before it have been read, so no token is lost.
 */
function checkedNdjson(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  let failure: Error | null = null;
  const goodLines = (lines: string[]): string[] => {
    const good: string[] = [];
    for (const line of lines) {
      if (line.trim() === '') continue;
      if (!isJson(line)) {
        failure = new MalformedReplyError(line);
        break;
      }
      good.push(line);
    }
    return good;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (failure !== null) {
            controller.error(failure);
            reader.cancel(failure).catch(() => {});
            return;
          }
          const { done, value } = await reader.read();
          pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
          const lines = pending.split('\n');
          pending = done ? '' : (lines.pop() ?? '');
          const good = goodLines(lines);
          if (good.length > 0) controller.enqueue(encoder.encode(`${good.join('\n')}\n`));
          if (done && failure === null) {
            controller.close();
            return;
          }
          if (good.length > 0) return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
