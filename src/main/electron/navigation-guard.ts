// Our window shows our page and nothing else: navigation away is prevented (a reload of our own
// page is allowed), new windows are denied, and <webview> cannot be attached.
import { isOwnPage, type RendererLocation } from './renderer-location';

export interface PreventableEvent {
  preventDefault(): void;
  /** Electron's navigation details carry the target URL too (the separate url argument is deprecated). */
  url?: string;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url?: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function mayNavigate(url: string, location: RendererLocation): boolean {
  return isOwnPage(url, location);
}

export function guardNavigation(contents: GuardedContents, location: RendererLocation, onBlocked: (url: string) => void = () => {}): void {
  const check = (event: PreventableEvent, url?: string) => {
    const target = event.url ?? url ?? '';
    if (mayNavigate(target, location)) return;
    event.preventDefault();
    onBlocked(target);
  };
  contents.on('will-navigate', check);
  contents.on('will-redirect', check);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked(url);
    return { action: 'deny' };
  });
}
