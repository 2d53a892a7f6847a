// Permissions: the microphone (media, audio only) for our own page's main frame, and nothing else
// for anyone — no camera, screen, geolocation, notifications, clipboard or the rest.
import { isOwnPage, type RendererLocation } from './renderer-location';

export interface PermissionRequestDetails {
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: Array<'video' | 'audio'>;
}

export interface PermissionCheckDetails {
  requestingUrl?: string;
  isMainFrame: boolean;
  mediaType?: 'video' | 'audio' | 'unknown';
}

/** For setPermissionRequestHandler (getUserMedia and friends). */
export function allowPermissionRequest(permission: string, details: PermissionRequestDetails, location: RendererLocation): boolean {
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? [];
  if (types.length === 0 || types.some((t) => t !== 'audio')) return false;
  return details.isMainFrame && isOwnPage(details.requestingUrl, location);
}

/** For setPermissionCheckHandler (permission queries, device labels). */
export function allowPermissionCheck(permission: string, details: PermissionCheckDetails, location: RendererLocation): boolean {
  if (permission !== 'media' || details.mediaType !== 'audio') return false;
  return details.isMainFrame && details.requestingUrl !== undefined && isOwnPage(details.requestingUrl, location);
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionRequestDetails) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, origin: string, details: PermissionCheckDetails) => boolean): void;
}

export function installPermissionPolicy(session: PermissionSession, location: RendererLocation, onDenied: (permission: string, url: string) => void = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowPermissionRequest(permission, details, location);
    if (!granted) onDenied(permission, details.requestingUrl);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => allowPermissionCheck(permission, details, location));
}
