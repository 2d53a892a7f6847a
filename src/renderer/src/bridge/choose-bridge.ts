// The one bridge the page reaches main through: window.earshot in Electron (built by the preload),
// otherwise a WebSocket to the browser host that served this page (same origin, /bridge, the
// page's ?token=).
import type { EarshotBridge } from '../../../shared/bridge';
import { bridgeUrl } from '../../../shared/socket-bridge';
import { BRIDGE_PATH } from '../../../shared/wire';
import { createReconnectingBridge, type ConnectionState } from './reconnecting-bridge';

declare global {
  interface Window {
    earshot?: EarshotBridge;
  }
}

export function chooseBridge(page: Window, onState: (state: ConnectionState, reconnected: boolean) => void): EarshotBridge {
  if (page.earshot) {
    onState('open', false);
    return page.earshot;
  }
  return createReconnectingBridge({
    url: bridgeUrl(page.location.href, BRIDGE_PATH),
    openSocket: (url) => new WebSocket(url),
    onState,
  });
}
