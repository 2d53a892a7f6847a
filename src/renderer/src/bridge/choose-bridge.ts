// The one bridge the page reaches main through: window.earshot in Electron (built by the preload),
// otherwise a WebSocket to the browser host that served this page (same origin, /bridge, the
// page's ?token=).
import type { EarshotBridge } from '../../../shared/bridge';
import { bridgeUrl } from '../../../shared/socket-bridge';
import { BRIDGE_ACCESS_PATH, BRIDGE_PATH } from '../../../shared/wire';
import { createReconnectingBridge, type ConnectionState, type TokenAccess } from './reconnecting-bridge';

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
    checkAccess: () => checkToken(page.location.href),
  });
}

/** Asks the host that served the page whether its ?token= is accepted. */
async function checkToken(pageUrl: string): Promise<TokenAccess> {
  const url = new URL(BRIDGE_ACCESS_PATH, pageUrl);
  url.searchParams.set('token', new URL(pageUrl).searchParams.get('token') ?? '');
  try {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) return 'unknown';
    const body: unknown = await response.json();
    const token = typeof body === 'object' && body !== null && 'token' in body ? body.token : null;
    return token === 'accepted' || token === 'refused' ? token : 'unknown';
  } catch {
    return 'unknown';
  }
}
