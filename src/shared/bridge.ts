// The one object the renderer reaches main through (window.earshot in Electron, a WebSocket client
// in the browser host). Its type is derived from the contract.
import type { EventName, EventPayloads, Reply, RequestName, RequestParams, RequestResults } from './contract';

export interface EarshotBridge {
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<Reply<RequestResults[N]>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}
