// One browser page on the WebSocket bridge: requests {id, name, params} in, {id, reply} out,
// every contract event pushed as {event, payload}, all in the wire format. A page that goes away
// while its turn is listening has that turn cancelled, so the assistant is not left waiting.
import type { WebSocket } from 'ws';
import type { Reply } from '../../shared/contract';
import { decodeWire, encodeWire, parseWireRequest, WireFormatError } from '../../shared/wire';
import type { ContractHandler } from '../core/runtime/contract-handler';
import type { Logger } from '../core/platform/logger';

/** A page that does not read its messages is dropped rather than buffered without end. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

function invalid(message: string): Reply<never> {
  return { ok: false, error: { code: 'invalid_input', message } };
}

export function serveBridgeConnection(socket: WebSocket, handler: ContractHandler, logger: Logger): void {
  const begun = new Set<string>();

  const send = (message: unknown) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      logger.warn('bridge client is not reading; closing it');
      socket.close(1008, 'not reading');
      return;
    }
    socket.send(encodeWire(message));
  };

  const unsubscribe = handler.subscribe((event, payload) => send({ event, payload }));

  socket.on('message', (data, isBinary) => {
    if (isBinary) return send({ id: null, reply: invalid('Send JSON text messages, not binary.') });
    let message: unknown;
    try {
      message = decodeWire(data.toString());
    } catch (error) {
      const reason = error instanceof WireFormatError ? error.message : 'The message could not be read.';
      return send({ id: null, reply: invalid(reason) });
    }
    const request = parseWireRequest(message);
    if (!request) return send({ id: null, reply: invalid('A request looks like {"id": 1, "name": "settings.get", "params": {}}.') });
    void handler.handle(request.name, request.params).then((reply) => {
      if (request.name === 'turn.begin' && reply.ok) begun.add((reply.value as { turnId: string }).turnId);
      send({ id: request.id, reply });
    });
  });

  socket.on('close', () => {
    unsubscribe();
    for (const turnId of begun) void handler.handle('turn.cancel', { turnId });
  });
  socket.on('error', (error) => logger.warn('bridge socket error', { error: String(error) }));
}
